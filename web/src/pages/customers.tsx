import { useState } from 'preact/hooks';
import { segmentsResponseSchema } from '../../../shared/api/schemas/customers';
import type { CustomerProfile } from '../../../shared/domain/customers/profile';
import { phoneNumber } from '../../../shared/domain/format';
import { customerList } from '../api/customer-schemas';
import { type Column, DataTable } from '../components/data-table';
import { Link } from '../components/link';
import { Async, Empty } from '../components/states';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { useTitle } from '../hooks/use-title';
import { href } from '../routes';
import { NO_CUSTOMERS, segmentsState } from './customer-analytics';
import { CustomerList } from './customer-list';

/** What the one search box was given: an email, a phone number, or a name. */
export function searchParams(text: string): URLSearchParams {
  const q = text.trim();
  if (q.includes('@')) return new URLSearchParams({ email: q });
  if (/^[+\d][\d\s().-]{5,}$/.test(q)) return new URLSearchParams({ phone: q });
  return new URLSearchParams({ name: q });
}

export const displayName = (p: CustomerProfile) =>
  [p.person?.firstName, p.person?.lastName].filter(Boolean).join(' ') ||
  p.identifiers.find((i) => i.kind === 'email')?.value ||
  phoneOf(p) ||
  'Anonymous visitor';

const phoneOf = (p: CustomerProfile) => {
  const phone = p.identifiers.find((i) => i.kind === 'phone')?.value;
  return phone ? phoneNumber(phone) : undefined;
};

export function CustomersPage() {
  const { api } = useServices();
  const { brand, fmt } = useBrand();
  useTitle('Customers', brand.name);
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const base = `/api/brands/${encodeURIComponent(brand.id)}`;
  const results = useResource(`customers:${brand.id}:${query}`, async () =>
    query ? api.get(`${base}/customers?${searchParams(query)}`, customerList) : { customers: [] },
  );
  // A store whose orders name no customer is told so, not shown an empty list.
  const segments = useResource(`segments:${brand.id}`, () =>
    api.get(`${base}/customer-analytics/segments`, segmentsResponseSchema),
  );
  const columns: Column<CustomerProfile>[] = [
    {
      label: 'Customer',
      cell: (p) => (
        <Link href={href('customer', { brandId: brand.id, profileId: p.id })}>{displayName(p)}</Link>
      ),
    },
    { label: 'Email', cell: (p) => p.identifiers.find((i) => i.kind === 'email')?.value ?? '—' },
    { label: 'Phone', cell: (p) => phoneOf(p) ?? '—' },
    { label: 'Strength', numeric: true, cell: (p) => p.strength },
    { label: 'Last seen', cell: (p) => fmt.instant(p.lastSeenAt) },
  ];
  return (
    <section class="page">
      <div class="page-head">
        <h1>Customers</h1>
        <Link href={href('customerReviews', { brandId: brand.id })}>Merge review queue</Link>
      </div>
      <form
        class="ask"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(text.trim());
        }}
      >
        <label for="customer-search">Email, phone or name</label>
        <input
          id="customer-search"
          class="field-input"
          type="search"
          value={text}
          maxLength={200}
          onInput={(e) => setText(e.currentTarget.value)}
          placeholder="maya@example.com, 07700 900123 or Maya Patel"
        />
        <div class="actions">
          <button type="submit" disabled={text.trim().length < 2}>
            Search
          </button>
        </div>
      </form>
      {query ? (
        <Async resource={results} label="Searching…">
          {({ customers }) =>
            customers.length === 0 ? (
              <Empty title={`No customer matches “${query}”.`} />
            ) : (
              <DataTable
                caption="Matching customers"
                columns={columns}
                rows={customers}
                rowKey={(p) => p.id}
              />
            )
          }
        </Async>
      ) : null}
      {segments.status === 'ready' && segmentsState(segments.data) === 'no_customers' ? (
        <Empty title="No customers yet.">
          <p>{NO_CUSTOMERS}</p>
        </Empty>
      ) : (
        <CustomerList />
      )}
    </section>
  );
}
