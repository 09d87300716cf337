import {
  type CustomerListRow,
  type CustomerListSort,
  customerListResponseSchema,
} from '../../../shared/api/schemas/customers';
import { SEGMENT_LABELS } from '../../../shared/domain/customers/segments/rfm';
import { type Column, DataTable, type TableView } from '../components/data-table';
import { Link } from '../components/link';
import { SegmentSelect } from '../components/segment-select';
import { Async, Empty } from '../components/states';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { navigate, useLocation } from '../router';
import { href } from '../routes';
import {
  type ListState,
  listApiQuery,
  listSearch,
  listStateFromSearch,
  pageFrom,
  resize,
  sortBy,
} from './customer-list-view';

/** What each sortable header sorts by on the server, by its label. */
const SORT_OF: Readonly<Record<string, CustomerListSort>> = {
  Orders: 'orders',
  Revenue: 'revenue',
  'Last order': 'last_order',
  'Predicted 365-day value': 'value_365',
};

/** Who the row is: the profile's name, else its email, linked to Customer 360; no profile, no link. */
function Who(props: { row: CustomerListRow; brandId: string }) {
  const { row } = props;
  if (!row.profileId)
    return (
      <span class="muted" title="No customer profile holds this store customer (erased, or not resolved yet)">
        No profile
      </span>
    );
  return (
    <>
      <Link href={href('customer', { brandId: props.brandId, profileId: row.profileId })}>
        {row.name ?? row.email ?? 'Unnamed customer'}
      </Link>
      {row.name && row.email ? <div class="muted small">{row.email}</div> : null}
    </>
  );
}

/** A customer who first ordered after the latest nightly run has no segment or prediction yet. */
function NotYetRun() {
  return (
    <span
      class="muted"
      title="First ordered after the latest nightly run; segmented and predicted in the next"
    >
      Next run
    </span>
  );
}

/** The brand's customers below the search: sortable, paged by the server, filtered by segment. */
export function CustomerList() {
  const { api } = useServices();
  const { brand, fmt } = useBrand();
  const location = useLocation();
  const state = listStateFromSearch(location.search);
  const go = (next: ListState) => navigate(`${location.pathname}${listSearch(next)}`, { replace: true });
  const query = listApiQuery(state);
  const list = useResource(`customer-list:${brand.id}:${query}`, () =>
    api.get(`/api/brands/${encodeURIComponent(brand.id)}/customer-list?${query}`, customerListResponseSchema),
  );
  // Revenue next to the name: on a phone it is the first figure under the name.
  const columns: Column<CustomerListRow>[] = [
    { label: 'Customer', cell: (r) => <Who row={r} brandId={brand.id} /> },
    {
      label: 'Revenue',
      numeric: true,
      cell: (r) => fmt.money(r.revenueMinor),
      sortValue: (r) => r.revenueMinor,
    },
    { label: 'Orders', numeric: true, cell: (r) => fmt.integer(r.orders), sortValue: (r) => r.orders },
    {
      label: 'Last order',
      cell: (r) => <span class="nowrap">{r.lastOrderAt ? fmt.dayOfInstant(r.lastOrderAt) : '—'}</span>,
      sortValue: (r) => r.lastOrderAt,
    },
    // Filtered by a segment, every row would repeat its name.
    ...(state.segment
      ? []
      : [{ label: 'Segment', cell: (r: CustomerListRow) => r.segmentLabel ?? <NotYetRun /> }]),
    {
      label: 'Predicted 365-day value',
      numeric: true,
      cell: (r) => (r.value365Minor === null ? <NotYetRun /> : fmt.money(r.value365Minor)),
      sortValue: (r) => r.value365Minor,
    },
  ];
  const segmentName = state.segment ? SEGMENT_LABELS[state.segment] : null;
  return (
    <>
      <div class="page-head">
        <h2 id="customer-list-title">{segmentName ? `${segmentName} customers` : 'All customers'}</h2>
        <SegmentSelect
          class="field inline"
          label="Segment"
          anyLabel="All segments"
          value={state.segment}
          onChange={(segment) => go({ ...state, segment, page: 1 })}
        />
      </div>
      <Async resource={list} label="Loading customers…">
        {(data) => {
          if (data.total === 0)
            return (
              <Empty
                title={segmentName ? `No customers in ${segmentName}.` : 'No customers have ordered yet.'}
              />
            );
          // A page past the end (an old link, a list that shrank since) offers the first page.
          if (data.rows.length === 0)
            return (
              <Empty
                title={`Page ${fmt.integer(state.page)} is past the last: the list has ${fmt.integer(data.total)} ${data.total === 1 ? 'customer' : 'customers'}.`}
              >
                <button type="button" class="secondary" onClick={() => go({ ...state, page: 1 })}>
                  First page
                </button>
              </Empty>
            );
          const view: TableView<CustomerListRow> = {
            sort: {
              column: columns.findIndex((c) => SORT_OF[c.label] === state.sort),
              descending: state.descending,
            },
            shown: pageFrom(data.rows, data.total, state),
            size: state.size,
            toggle: (i) => {
              const sort = SORT_OF[columns[i]?.label ?? ''];
              if (sort) go(sortBy(state, sort));
            },
            goTo: (page) => go({ ...state, page }),
            resize: (size) => go(resize(state, size)),
          };
          return (
            <>
              <p class="muted small">
                {fmt.integer(data.total)} {data.total === 1 ? 'customer' : 'customers'}
                {data.asOf
                  ? `; segments and predicted value as of ${fmt.day(data.asOf)}, orders and revenue to today`
                  : '; segments and predicted value are computed nightly'}
              </p>
              <DataTable
                caption={segmentName ? `${segmentName} customers` : 'Customers'}
                columns={columns}
                rows={data.rows}
                rowKey={(r) => r.customerId}
                view={view}
              />
            </>
          );
        }}
      </Async>
    </>
  );
}
