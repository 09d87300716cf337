import { useState } from 'preact/hooks';
import { z } from 'zod';
import type { Question } from '../../../shared/domain/entities';
import { questionList, questionResponse } from '../api/schemas';
import { FormStatus } from '../components/form-status';
import { Async, describeError, Empty } from '../components/states';
import { byRecord, toolLeaves, toolRows } from '../components/tool-numbers';
import { useBrand, useServices } from '../context';
import { useResource } from '../hooks/use-resource';
import { useTitle } from '../hooks/use-title';
import { humanize } from '../labels';

const EXAMPLES = [
  'Which campaigns wasted the most money last week?',
  'What is about to stock out while we are still advertising it?',
  'How did ROAS change compared with the previous 28 days?',
];

export function AskPage() {
  const { api } = useServices();
  const { brand } = useBrand();
  useTitle('Ask', brand.name);
  const base = `/api/brands/${encodeURIComponent(brand.id)}`;
  const history = useResource(`questions:${brand.id}`, () => api.get(`${base}/questions`, questionList));
  const [text, setText] = useState('');
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string>();
  const [latest, setLatest] = useState<Question>();

  async function ask(question: string) {
    setAsking(true);
    setError(undefined);
    try {
      const answer = await api.post(`${base}/ask`, { question }, questionResponse);
      setLatest(answer);
      setText('');
      history.reload();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setAsking(false);
    }
  }

  return (
    <section class="page">
      <h1>Ask about {brand.name}</h1>
      <form
        class="ask"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) void ask(text.trim());
        }}
      >
        <label for="question">Your question</label>
        <textarea
          id="question"
          rows={3}
          maxLength={2000}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          placeholder={EXAMPLES[0]}
        />
        <div class="actions">
          <button type="submit" disabled={asking || !text.trim()}>
            {asking ? 'Thinking…' : 'Ask'}
          </button>
          {EXAMPLES.map((q) => (
            <button key={q} type="button" class="chip" disabled={asking} onClick={() => void ask(q)}>
              {q}
            </button>
          ))}
        </div>
      </form>
      {asking ? (
        <p role="status" class="muted">
          Looking at your numbers…
        </p>
      ) : null}
      <FormStatus error={error} />
      {latest ? <AnswerCard q={latest} base={base} onFeedback={history.reload} open /> : null}
      <h2>Earlier questions</h2>
      <Async resource={history} label="Loading earlier questions…">
        {({ questions }) => {
          const earlier = questions.filter((q) => q.id !== latest?.id);
          return earlier.length === 0 ? (
            <Empty title="No earlier questions">
              <p class="muted">
                Each question you ask is kept here with its answer and the figures behind it.
              </p>
            </Empty>
          ) : (
            <ul class="cards">
              {earlier.map((q) => (
                <li key={q.id}>
                  <AnswerCard q={q} base={base} onFeedback={history.reload} />
                </li>
              ))}
            </ul>
          );
        }}
      </Async>
    </section>
  );
}

/** Values a tool call shows before "Show all": a long inventory list stays one screen until asked. */
const FIRST_VALUES = 60;

/** One tool call's numbers, grouped by record; all of them on request, never cut without saying so. */
function ToolCallTable(props: { call: Question['toolCalls'][number] }) {
  const { brand, fmt } = useBrand();
  const { call } = props;
  const [all, setAll] = useState(false);
  const leaves = toolLeaves(call.output);
  const shown = all ? leaves : leaves.slice(0, FIRST_VALUES);
  return (
    <div class="tool-call">
      <h3>{humanize(call.name)}</h3>
      <table>
        {byRecord(toolRows(shown, call.units ?? {}, call.labels ?? {}, fmt, brand.currency)).map(
          (group, g) => (
            <tbody key={`${group.record ?? ''}-${g}`}>
              {group.record === undefined ? null : (
                <tr class="record">
                  <th scope="rowgroup" colSpan={2}>
                    {group.record}
                  </th>
                </tr>
              )}
              {group.rows.map((row, r) => (
                <tr key={`${row.label}-${r}`} class={row.prose ? 'prose' : undefined}>
                  <th scope="row">{row.label}</th>
                  <td class={row.prose ? 'prose' : 'num'}>{row.text}</td>
                </tr>
              ))}
            </tbody>
          ),
        )}
      </table>
      {shown.length < leaves.length ? (
        <p class="muted small">
          The first {fmt.integer(shown.length)} of {fmt.integer(leaves.length)} values; the assistant read
          them all.{' '}
          <button type="button" class="secondary" onClick={() => setAll(true)}>
            Show all
          </button>
        </p>
      ) : null}
    </div>
  );
}

function AnswerCard(props: { q: Question; base: string; onFeedback: () => void; open?: boolean }) {
  const { fmt } = useBrand();
  const { q } = props;
  return (
    <article class="card answer" aria-label={`Answer to: ${q.question}`}>
      <p class="question">{q.question}</p>
      <p class="answer-text">{q.answer}</p>
      {q.grounded ? null : (
        <p class="warning" role="note">
          Some figures in this answer were not found in the tool results: {q.ungroundedNumbers.join(', ')}
        </p>
      )}
      <details open={props.open}>
        <summary>
          The numbers it used ({q.toolCalls.length} {q.toolCalls.length === 1 ? 'tool' : 'tools'})
        </summary>
        {q.toolCalls.map((call, i) => (
          <ToolCallTable key={`${call.name}-${i}`} call={call} />
        ))}
      </details>
      <p class="muted small">
        {fmt.instant(q.createdAt)} · {q.model} · {fmt.integer(q.inputTokens + q.outputTokens)} tokens
      </p>
      <Feedback q={q} base={props.base} onSaved={props.onFeedback} />
    </article>
  );
}

function Feedback(props: { q: Question; base: string; onSaved: () => void }) {
  const { api } = useServices();
  const [rating, setRating] = useState(props.q.feedback?.rating ?? 0);
  const [comment, setComment] = useState(props.q.feedback?.comment ?? '');
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | { error: string }>(
    props.q.feedback ? 'saved' : 'idle',
  );
  const name = `rating-${props.q.id}`;
  return (
    <form
      class="feedback"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!rating) return;
        setState('saving');
        try {
          await api.post(
            `${props.base}/questions/${encodeURIComponent(props.q.id)}/feedback`,
            { rating, ...(comment.trim() ? { comment: comment.trim() } : {}) },
            z.unknown(),
          );
          setState('saved');
          props.onSaved();
        } catch (err) {
          setState({ error: describeError(err) });
        }
      }}
    >
      <fieldset>
        <legend>Was this useful?</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} class="rating">
            <input type="radio" name={name} value={n} checked={rating === n} onChange={() => setRating(n)} />
            {n}
          </label>
        ))}
      </fieldset>
      <label>
        Comment (optional)
        <input value={comment} maxLength={1000} onInput={(e) => setComment(e.currentTarget.value)} />
      </label>
      <button type="submit" class="secondary" disabled={!rating || state === 'saving'}>
        {state === 'saved' ? 'Update feedback' : 'Send feedback'}
      </button>
      <FormStatus
        inline
        done={state === 'saved' && 'Thanks — saved.'}
        error={typeof state === 'object' && state.error}
      />
    </form>
  );
}
