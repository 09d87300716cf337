import { useEffect, useState } from 'preact/hooks';
import type { Post } from '../../../../shared/domain/content/post';
import { addDays, toLocalDate, wallClockToInstant } from '../../../../shared/domain/time';
import { postView } from '../../api/content-schemas';
import { FormStatus } from '../../components/form-status';
import { Link } from '../../components/link';
import { Async, describeError } from '../../components/states';
import { useBrand, useServices } from '../../context';
import { useResource } from '../../hooks/use-resource';
import { useTitle } from '../../hooks/use-title';
import { href } from '../../routes';
import { ContentNav, contentBase, KIND_LABEL, PostImage, StatusPill, useActorName } from './common';

const EDITABLE: readonly Post['status'][] = ['draft', 'approved', 'scheduled', 'failed'];
/** An approved post, or one whose publish failed, can be given a time of its own. */
const SCHEDULABLE: readonly Post['status'][] = ['approved', 'failed'];

/** Tomorrow at 10:00 on the brand's clock, as a `datetime-local` value. */
function tomorrowMorning(timeZone: string): string {
  return `${addDays(toLocalDate(new Date(), timeZone), 1)}T10:00`;
}

/** One post: image preview, the words (editable until it publishes), approval, comments and history. */
export function ContentPostPage(props: { postId: string }) {
  const { api } = useServices();
  const { brand } = useBrand();
  const url = `${contentBase(brand.id)}/posts/${encodeURIComponent(props.postId)}`;
  const post = useResource(`content-post:${brand.id}:${props.postId}`, () => api.get(url, postView));
  useTitle(post.status === 'ready' ? post.data.product.title : 'Post', 'Content', brand.name);
  return (
    <section class="page content-page">
      <p class="crumbs">
        <Link href={href('content', { brandId: brand.id })}>Content</Link> › Post
      </p>
      <ContentNav />
      <Async resource={post} label="Loading the post…">
        {(p) => <PostEditor post={p} url={url} onSaved={post.reload} />}
      </Async>
    </section>
  );
}

function PostEditor(props: { post: Post; url: string; onSaved: () => void }) {
  const { api, can } = useServices();
  const { brand, fmt } = useBrand();
  const actor = useActorName();
  const { post } = props;
  const [caption, setCaption] = useState(post.caption);
  const [hashtags, setHashtags] = useState(post.hashtags.join(' '));
  const [cta, setCta] = useState(post.callToAction);
  const [comment, setComment] = useState('');
  const [when, setWhen] = useState(() => tomorrowMorning(brand.timezone));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  useEffect(() => {
    setCaption(post.caption);
    setHashtags(post.hashtags.join(' '));
    setCta(post.callToAction);
  }, [post.updatedAt]);
  const editable = can('content:write') && EDITABLE.includes(post.status);
  const changed =
    caption !== post.caption || hashtags.trim() !== post.hashtags.join(' ') || cta !== post.callToAction;

  async function act(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setMessage(undefined);
    try {
      await action();
      setMessage({ ok: true, text: done });
      props.onSaved();
    } catch (err) {
      setMessage({ ok: false, text: describeError(err) });
    } finally {
      setBusy(false);
    }
  }
  const save = () =>
    act(
      () =>
        api.patch(
          props.url,
          { caption, hashtags: hashtags.split(/\s+/).filter(Boolean), callToAction: cta },
          postView,
        ),
      post.status === 'draft' ? 'Saved.' : 'Saved. The post is a draft again: approve the new words.',
    );
  const approve = () => act(() => api.post(`${props.url}/approve`, {}, postView), 'Approved.');
  const schedule = () =>
    act(async () => {
      // The merchant picks a time on the brand's clock, whatever the browser's timezone.
      const at = wallClockToInstant(when, brand.timezone);
      await api.post(`${props.url}/schedule`, { at: at.toISOString() }, postView);
    }, 'Scheduled.');
  const addComment = () =>
    act(async () => {
      await api.post(`${props.url}/comments`, { text: comment }, postView);
      setComment('');
    }, 'Comment added.');

  return (
    <div class="post-editor">
      <div class="post-preview">
        <PostImage post={post} size="large" />
      </div>
      <div class="post-form">
        <header class="rec-head">
          <StatusPill status={post.status} />
          <span class="pill">{KIND_LABEL[post.product.kind]}</span>
          {post.scheduledFor ? <span class="muted small">{fmt.instant(post.scheduledFor)}</span> : null}
        </header>
        <h1>{post.product.title}</h1>
        <p class="muted">
          {fmt.money(post.product.priceMinor)} · {fmt.integer(post.product.stock)} in stock ·{' '}
          {post.product.daysOfCover === null
            ? 'no recent sales'
            : `${fmt.daysLong(post.product.daysOfCover)} of cover`}
        </p>
        {post.destination ? (
          <p class="muted small">
            Publishes to {post.destination.pageName}
            {post.channels.includes('instagram') ? ' and its Instagram account' : ''}.
          </p>
        ) : null}
        {post.lastError ? <p class="form-error">{post.lastError}</p> : null}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label for="caption">Caption</label>
          <textarea
            class="wide"
            id="caption"
            rows={6}
            value={caption}
            disabled={!editable}
            onInput={(e) => setCaption(e.currentTarget.value)}
          />
          <label for="hashtags">Hashtags</label>
          <input
            class="wide"
            id="hashtags"
            value={hashtags}
            disabled={!editable}
            onInput={(e) => setHashtags(e.currentTarget.value)}
          />
          <label for="cta">Call to action</label>
          <input
            class="wide"
            id="cta"
            value={cta}
            disabled={!editable}
            onInput={(e) => setCta(e.currentTarget.value)}
          />
          <div class="actions">
            {editable ? (
              <button type="submit" class="secondary" disabled={busy || !changed}>
                Save changes
              </button>
            ) : null}
            {can('content:publish') && post.status === 'draft' ? (
              <button type="button" disabled={busy || changed} onClick={approve}>
                Approve
              </button>
            ) : null}
            {!can('content:publish') && post.status === 'draft' ? (
              <span class="muted small">An owner or admin approves posts.</span>
            ) : null}
          </div>
        </form>
        {can('content:publish') && SCHEDULABLE.includes(post.status) ? (
          <form
            class="schedule-form"
            onSubmit={(e) => {
              e.preventDefault();
              void schedule();
            }}
          >
            <label for="publish-at">Publish on ({brand.timezone.replace(/_/g, ' ')} time)</label>
            <div class="actions">
              <input
                id="publish-at"
                type="datetime-local"
                required
                value={when}
                onInput={(e) => setWhen(e.currentTarget.value)}
              />
              <button type="submit" disabled={busy || !when}>
                Schedule
              </button>
            </div>
          </form>
        ) : null}
        <FormStatus done={message?.ok && message.text} error={message && !message.ok && message.text} />
        <h2>Comments</h2>
        {post.comments.length === 0 ? <p class="muted">No comments yet.</p> : null}
        <ul class="comments">
          {post.comments.map((c) => (
            <li key={c.at}>
              <strong>{actor(c.uid)}</strong> <span class="muted small">{fmt.instant(c.at)}</span>
              <p>{c.text}</p>
            </li>
          ))}
        </ul>
        {can('content:write') ? (
          <form
            class="comment-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (comment.trim()) void addComment();
            }}
          >
            <label for="comment" class="visually-hidden">
              Add a comment
            </label>
            <input
              class="grow"
              id="comment"
              placeholder="Add a comment"
              value={comment}
              onInput={(e) => setComment(e.currentTarget.value)}
            />
            <button type="submit" class="secondary" disabled={busy || !comment.trim()}>
              Comment
            </button>
          </form>
        ) : null}
        <h2>History</h2>
        <ol class="history">
          {post.history.map((h) => (
            <li key={`${h.at}-${h.status}`}>
              {fmt.instant(h.at)}: {actor(h.uid)} → <StatusPill status={h.status} />
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
