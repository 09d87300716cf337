import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { Post } from '../../../../shared/domain/content/post';
import { briefList, maybeDestination, postList, scheduleResult } from '../../api/content-schemas';
import { FormStatus } from '../../components/form-status';
import { Link } from '../../components/link';
import { Async, describeError, Empty } from '../../components/states';
import { useBrand, useServices } from '../../context';
import { useResource } from '../../hooks/use-resource';
import { useTitle } from '../../hooks/use-title';
import { href } from '../../routes';
import {
  ContentNav,
  contentBase,
  KIND_LABEL,
  PostImage,
  StatusPill,
  useBrandMonth,
  usePosts,
} from './common';

const ORDER: Post['status'][] = ['failed', 'draft', 'approved', 'scheduled', 'publishing', 'published'];

/** The month's plan: every post with its product, why it was chosen, its status and when it goes out. */
export function ContentPostsPage() {
  const { api, can } = useServices();
  const { brand, fmt } = useBrand();
  useTitle('Content', brand.name);
  const month = useBrandMonth();
  const posts = usePosts();
  const briefs = useResource(`content-briefs:${brand.id}`, () =>
    api.get(`${contentBase(brand.id)}/briefs`, briefList),
  );
  const destination = useResource(`content-destination:${brand.id}`, () =>
    api.get(`${contentBase(brand.id)}/destination`, maybeDestination),
  );
  const [busy, setBusy] = useState<string | undefined>();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const hasBrief = briefs.status === 'ready' && briefs.data.briefs.some((b) => b.month === month);

  async function run(label: string, action: () => Promise<string>) {
    setBusy(label);
    setMessage(undefined);
    try {
      setMessage({ ok: true, text: await action() });
      posts.reload();
    } catch (err) {
      setMessage({ ok: false, text: describeError(err) });
    } finally {
      setBusy(undefined);
    }
  }
  const draft = () =>
    run('draft', async () => {
      const out = await api.post(`${contentBase(brand.id)}/plans/${month}/draft`, {}, postList);
      return `${out.posts.length} posts drafted for ${fmt.month(month)}.`;
    });
  const schedule = () =>
    run('schedule', async () => {
      const out = await api.post(`${contentBase(brand.id)}/plans/${month}/schedule`, {}, scheduleResult);
      return `${out.scheduled.length} approved posts scheduled${out.unscheduled ? `; ${out.unscheduled} did not fit this month's slots` : ''}.`;
    });

  return (
    <section class="page content-page">
      <h1>Content</h1>
      <ContentNav />
      <div class="actions">
        {can('content:write') ? (
          <button type="button" disabled={!hasBrief || busy !== undefined} onClick={draft}>
            {busy === 'draft' ? 'Drafting…' : `Draft ${fmt.month(month)}`}
          </button>
        ) : null}
        {can('content:publish') ? (
          <button type="button" class="secondary" disabled={busy !== undefined} onClick={schedule}>
            {busy === 'schedule' ? 'Scheduling…' : 'Schedule approved posts'}
          </button>
        ) : null}
        {can('content:write') && briefs.status === 'ready' && !hasBrief ? (
          <span class="muted small">
            Write <Link href={href('contentBrief', { brandId: brand.id })}>this month's brief</Link> to draft
            posts.
          </span>
        ) : null}
      </div>
      {destination.status === 'ready' ? (
        <DestinationLine
          destination={destination.data}
          canConnect={can('content:publish')}
          onConnected={destination.reload}
        />
      ) : null}
      <FormStatus done={message?.ok && message.text} error={message && !message.ok && message.text} />
      <Async resource={posts} label="Loading posts…">
        {({ posts: list }) => {
          if (list.length === 0)
            return (
              <Empty title="No posts yet.">
                <p>
                  Write a brief for the month, then draft its posts: Pulsepoint picks the products from your
                  stock.
                </p>
              </Empty>
            );
          const sorted = [...list].sort(
            (a, b) =>
              ORDER.indexOf(a.status) - ORDER.indexOf(b.status) ||
              (a.scheduledFor ?? a.createdAt).localeCompare(b.scheduledFor ?? b.createdAt),
          );
          return (
            <ul class="cards post-list">
              {sorted.map((p) => (
                <li key={p.id}>
                  <article class="card post-card" aria-labelledby={`post-${p.id}`}>
                    <PostImage post={p} size="thumb" />
                    <div class="post-card-body">
                      <header class="rec-head">
                        <StatusPill status={p.status} />
                        <span class="pill">{KIND_LABEL[p.product.kind]}</span>
                        {p.scheduledFor ? (
                          <span class="muted small">
                            {p.status === 'published'
                              ? 'Published; it was scheduled for'
                              : p.status === 'failed'
                                ? 'Was due'
                                : 'Goes out'}{' '}
                            {fmt.instant(p.scheduledFor)}
                          </span>
                        ) : null}
                      </header>
                      <h2 id={`post-${p.id}`}>
                        <Link href={href('contentPost', { brandId: brand.id, postId: p.id })}>
                          {p.product.title}
                        </Link>{' '}
                        <span class="muted small">{fmt.money(p.product.priceMinor)}</span>
                      </h2>
                      <p class="post-caption">{p.caption}</p>
                      <p class="muted small">
                        Why this product: {fmt.integer(p.product.stock)} in stock,{' '}
                        {p.product.daysOfCover === null
                          ? 'no recent sales'
                          : `${fmt.daysLong(p.product.daysOfCover)} of cover`}
                      </p>
                      {p.lastError ? <p class="form-error">{p.lastError}</p> : null}
                    </div>
                  </article>
                </li>
              ))}
            </ul>
          );
        }}
      </Async>
    </section>
  );
}

/** Where scheduled posts go, or — before a Page is connected (`null`, not an error) — how to connect one. */
function DestinationLine(props: {
  destination: z.infer<typeof maybeDestination>;
  canConnect: boolean;
  onConnected: () => void;
}) {
  const d = props.destination;
  if (d)
    return (
      <div class="destination-line">
        <p class="muted small">
          Posts go to the Facebook Page {d.pageName}
          {d.igUserId ? ' and its Instagram account' : ''}.
        </p>
        {props.canConnect && (
          // When Meta stops accepting the token (expired, password changed, a permission removed),
          // the publisher asks for this: the same Page with a new token (decision 1005).
          <details class="reconnect-page">
            <summary>Connect the Page again with a new token</summary>
            <ConnectPageForm pageId={d.pageId} onConnected={props.onConnected} />
          </details>
        )}
      </div>
    );
  return (
    <Empty title="No Facebook Page connected yet.">
      {props.canConnect ? (
        <ConnectPageForm onConnected={props.onConnected} />
      ) : (
        <p>Approved posts can be scheduled once an owner or admin connects the brand's Facebook Page.</p>
      )}
    </Empty>
  );
}

/**
 * The Page's id and a Page access token (Meta Business Suite → Settings, or the Graph API Explorer);
 * the server checks both with Meta before it keeps the token, in the secret store.
 */
function ConnectPageForm(props: { onConnected: () => void; pageId?: string }) {
  const { api } = useServices();
  const { brand } = useBrand();
  const [pageId, setPageId] = useState(props.pageId ?? '');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function connect(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.put(
        `${contentBase(brand.id)}/destination`,
        { pageId: pageId.trim(), accessToken: token.trim() },
        maybeDestination,
      );
      setToken('');
      props.onConnected();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="connect-page" onSubmit={(e) => void connect(e)}>
      {props.pageId ? (
        <p>
          When Meta no longer accepts the connection, give a new Page access token (with the permissions to
          post); Pulsepoint checks it with Meta before it replaces the old one.
        </p>
      ) : (
        <p>
          Approved posts can be scheduled once the brand's Page is connected. Give its Page id and a Page
          access token; Pulsepoint checks them with Meta and keeps the token in its secret store. If the Page
          has an Instagram business account, posts go there too.
        </p>
      )}
      <label for="page-id">Facebook Page id</label>
      <input
        id="page-id"
        inputMode="numeric"
        autoComplete="off"
        required
        value={pageId}
        onInput={(e) => setPageId(e.currentTarget.value)}
      />
      <label for="page-token">Page access token</label>
      <input
        id="page-token"
        type="password"
        autoComplete="off"
        required
        minLength={10}
        value={token}
        onInput={(e) => setToken(e.currentTarget.value)}
      />
      <div class="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Checking with Meta…' : 'Connect the Page'}
        </button>
      </div>
      <FormStatus error={error} />
    </form>
  );
}
