import { useState } from 'preact/hooks';
import type { Post } from '../../../../shared/domain/content/post';
import {
  addDays,
  eachDay,
  isoWeekday,
  type LocalDate,
  toLocalDate,
  weekStart,
} from '../../../../shared/domain/time';
import { Link } from '../../components/link';
import { Async, Empty } from '../../components/states';
import { useBrand } from '../../context';
import { useTitle } from '../../hooks/use-title';
import { href } from '../../routes';
import { ContentNav, StatusPill, useBrandMonth, usePosts } from './common';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Scheduled and published posts on the brand's own days, a month at a time. */
export function ContentCalendarPage() {
  const { brand, fmt } = useBrand();
  useTitle('Calendar', 'Content', brand.name);
  const [month, setMonth] = useState(useBrandMonth());
  const posts = usePosts();
  const first = `${month}-01` as LocalDate;
  const last = addDays(`${shiftMonth(month, 1)}-01` as LocalDate, -1);
  // Whole weeks, Monday first: the grid starts on the Monday on or before the 1st.
  const days = eachDay(weekStart(first), addDays(last, 6 - isoWeekday(last)));
  return (
    <section class="page content-page">
      <h1>Calendar</h1>
      <ContentNav />
      <div class="actions calendar-head">
        <button
          type="button"
          class="secondary"
          onClick={() => setMonth(shiftMonth(month, -1))}
          aria-label="Previous month"
        >
          ‹
        </button>
        <h2 aria-live="polite">{fmt.month(month)}</h2>
        <button
          type="button"
          class="secondary"
          onClick={() => setMonth(shiftMonth(month, 1))}
          aria-label="Next month"
        >
          ›
        </button>
      </div>
      <Async resource={posts} label="Loading the calendar…">
        {({ posts: list }) => {
          const byDay = new Map<string, Post[]>();
          for (const p of list) {
            if (!p.scheduledFor) continue;
            const day = toLocalDate(new Date(p.scheduledFor), brand.timezone);
            byDay.set(day, [...(byDay.get(day) ?? []), p]);
          }
          const inMonth = [...byDay.keys()].filter((d) => d.startsWith(month));
          return (
            <>
              {inMonth.length === 0 ? (
                <Empty title={`Nothing scheduled in ${fmt.month(month)}.`}>
                  <p>Approve posts, then schedule them from the Posts tab.</p>
                </Empty>
              ) : null}
              <ol class="calendar" aria-label={fmt.month(month)}>
                {WEEKDAYS.map((w) => (
                  <li key={w} class="calendar-weekday" aria-hidden="true">
                    {w}
                  </li>
                ))}
                {days.map((d) => {
                  const items = (byDay.get(d) ?? []).sort((a, b) =>
                    (a.scheduledFor ?? '').localeCompare(b.scheduledFor ?? ''),
                  );
                  const outside = !d.startsWith(month);
                  return (
                    <li
                      key={d}
                      class={`calendar-day${outside ? ' outside' : ''}${items.length ? ' has-posts' : ''}`}
                    >
                      <span class="calendar-date">{fmt.shortDay(d)}</span>
                      {items.map((p) => (
                        <Link
                          key={p.id}
                          class="calendar-post"
                          href={href('contentPost', { brandId: brand.id, postId: p.id })}
                        >
                          <span class="muted small">{fmt.time(p.scheduledFor!)}</span> {p.product.title}{' '}
                          <StatusPill status={p.status} />
                        </Link>
                      ))}
                    </li>
                  );
                })}
              </ol>
            </>
          );
        }}
      </Async>
    </section>
  );
}
