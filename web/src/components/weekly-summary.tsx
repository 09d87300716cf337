import { query } from '../api/client';
import { questionList } from '../api/schemas';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { Async } from './states';

/** The weekly-summary job stores each week's summary as a question with this id prefix. */
const WEEKLY_PREFIX = 'weekly-summary-';

/** The latest AI weekly summary of the brand, or when the first one will come. */
export function WeeklySummary() {
  const { api } = useServices();
  const { brand, fmt } = useBrand();
  const latest = useResource(`weekly-summary:${brand.id}`, async () => {
    const list = await api.get(
      `/api/brands/${encodeURIComponent(brand.id)}/questions${query({ limit: 100 })}`,
      questionList,
    );
    return list.questions.find((q) => q.id.startsWith(WEEKLY_PREFIX));
  });
  return (
    <article class="card summary" aria-labelledby="summary-title">
      <h2 id="summary-title">Last week, in short</h2>
      <Async resource={latest} label="Loading the weekly summary…">
        {(q) =>
          q ? (
            <>
              <p class="summary-text">{q.answer}</p>
              <p class="muted small">
                Week of {fmt.day(q.id.slice(WEEKLY_PREFIX.length))} · written {fmt.instant(q.createdAt)}
                {q.grounded ? '' : ' · some figures could not be checked against the data'}
              </p>
            </>
          ) : (
            <p class="muted">
              The AI weekly summary is written on Monday mornings; the first one is not out yet.
            </p>
          )
        }
      </Async>
    </article>
  );
}
