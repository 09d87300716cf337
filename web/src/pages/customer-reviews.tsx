import { useState } from 'preact/hooks';
import { z } from 'zod';
import { IDENTIFIER_KINDS } from '../../../shared/domain/customers/identifiers';
import { phoneNumber } from '../../../shared/domain/format';
import { reviewList } from '../api/customer-schemas';
import { FormStatus } from '../components/form-status';
import { Link } from '../components/link';
import { Async, Empty } from '../components/states';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { useTitle } from '../hooks/use-title';
import { humanize } from '../labels';
import { href } from '../routes';

const FIELDS: Record<string, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  address1: 'Street',
  address2: 'Address line 2',
  city: 'City',
  postcode: 'Postcode',
  dateOfBirth: 'Birth date',
};

/**
 * Evidence as a reviewer reads it: a shared identifier's key ("email:ana@example.com") as its kind
 * and value ("Email ana@example.com", a phone number formatted), and the match model's
 * "firstName: exact; city: jaro-winkler ≥ 0.90; …" in words, missing fields left out.
 */
export function readableEvidence(detail: string): string {
  const key = /^([a-z0-9_]+):(.+)$/.exec(detail);
  const kind = key && IDENTIFIER_KINDS.find((k) => k === key[1]);
  if (key && kind) {
    const value = kind === 'phone' || kind === 'whatsapp' ? phoneNumber(key[2]!) : key[2]!;
    return `${humanize(kind)} ${value}`;
  }
  const parts = detail.split('; ').map((part) => part.split(': '));
  if (!parts.every((p) => p.length === 2 && FIELDS[p[0]!])) return detail;
  return parts
    .filter(([, level]) => level !== 'missing')
    .map(([field, level]) => {
      const verdict = level!.startsWith('jaro-winkler ≥ 0.9')
        ? 'close'
        : level!.startsWith('jaro-winkler')
          ? 'similar'
          : level === 'swapped with the other name'
            ? 'swapped'
            : level;
      return `${FIELDS[field!]}: ${verdict}`;
    })
    .join(' · ');
}

/**
 * A profile under review as a reviewer tells it apart: its name, else its email, else its phone,
 * first (the link), then whichever of email, phone and place are left.
 */
export function whoAndDetails(
  p:
    | { name?: string | null; email?: string | null; phone?: string | null; place?: string | null }
    | undefined,
): [string, ...string[]] {
  const phone = p?.phone ? phoneNumber(p.phone) : null;
  const known = [p?.name, p?.email, phone].filter((v): v is string => Boolean(v));
  const who = known[0] ?? 'Unnamed customer';
  const details = [p?.email, phone, p?.place].filter((v): v is string => Boolean(v) && v !== who);
  return [who, ...details];
}

const REASONS: Record<string, string> = {
  cluster_too_large:
    'More than three profiles share an email or phone: too many to merge without a person looking.',
  weak_evidence: 'Only a device, cookie or similar ties these profiles: often a shared family device.',
  probabilistic:
    'No shared email or phone, so these are never merged without a person looking: the match model rates them as one person from the fields compared below.',
};

export function CustomerReviewsPage() {
  const { api, can } = useServices();
  const { brand, fmt } = useBrand();
  useTitle('Merge reviews', brand.name);
  const base = `/api/brands/${encodeURIComponent(brand.id)}/customer-reviews`;
  const reviews = useResource(`customer-reviews:${brand.id}`, () =>
    api.get(`${base}?status=pending`, reviewList),
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function decide(id: string, decision: 'approve' | 'reject') {
    setBusy(id);
    setError(null);
    try {
      await api.post(`${base}/${encodeURIComponent(id)}/${decision}`, {}, z.unknown());
      reviews.reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section class="page">
      <h1>Merge review queue</h1>
      <p class="muted">Profiles that may be one person but were not merged automatically.</p>
      <FormStatus error={error} />
      <Async resource={reviews} label="Loading reviews…">
        {({ reviews: list, profiles }) =>
          list.length === 0 ? (
            <Empty title="Nothing to review." />
          ) : (
            <ul class="cards">
              {list.map((r) => (
                <li key={r.id}>
                  <article class="card" aria-labelledby={`review-${r.id}`}>
                    <header class="rec-head">
                      <span class="pill">{humanize(r.reason)}</span>
                      <span class="pill">confidence {fmt.probability(r.confidence)}</span>
                      <span class="muted small">{fmt.instant(r.createdAt)}</span>
                    </header>
                    <h2 id={`review-${r.id}`}>{r.profileIds.length} profiles</h2>
                    <p>{REASONS[r.reason]}</p>
                    <ul>
                      {r.profileIds.map((id) => {
                        const [who, ...details] = whoAndDetails(profiles[id]);
                        return (
                          <li key={id}>
                            <Link href={href('customer', { brandId: brand.id, profileId: id })}>
                              <span title={id}>{who}</span>
                            </Link>{' '}
                            <span class="muted small">{details.join(' · ')}</span>
                          </li>
                        );
                      })}
                    </ul>
                    <p class="small">
                      Evidence: {r.evidence.map((e) => readableEvidence(e.detail)).join(' · ')}
                    </p>
                    {can('customers:merge') ? (
                      <div class="actions">
                        <button
                          type="button"
                          disabled={busy === r.id}
                          onClick={() => void decide(r.id, 'approve')}
                        >
                          Merge
                        </button>
                        <button
                          type="button"
                          class="secondary"
                          disabled={busy === r.id}
                          onClick={() => void decide(r.id, 'reject')}
                        >
                          Keep apart
                        </button>
                      </div>
                    ) : (
                      <p class="muted small">An owner or admin decides.</p>
                    )}
                  </article>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}
