import { contentLog, postList } from '../../api/content-schemas';
import { TableWrap } from '../../components/data-table';
import { Async, Empty } from '../../components/states';
import { useBrand, useServices } from '../../context';
import { useResource } from '../../hooks/use-resource';
import { useTitle } from '../../hooks/use-title';
import { channelName } from '../../labels';
import { ContentNav, contentBase, useActorName } from './common';

/** What each content step in the audit trail means to a merchant. */
const ACTIONS: Record<string, string> = {
  'content.brief_saved': 'Brief saved',
  'content.brief_deleted': 'Brief deleted',
  'content.profile_saved': 'Brand profile saved',
  'content.posts_drafted': 'Posts drafted',
  'content.post_edited': 'Post edited',
  'content.post_approved': 'Post approved',
  'content.destination_connected': 'Facebook Page connected',
  'content.post_scheduled': 'Post scheduled',
  'content.publish_started': 'Publishing started',
  'content.publish_retry': 'Publishing will be retried',
  'content.publish_reconciled': 'Earlier attempt found on Meta',
  'content.publish_deferred': 'Deferred (Instagram daily limit)',
  'content.publish_blocked': 'Stopped before posting',
  'content.publish_failed': 'Publishing failed',
  'content.published': 'Published',
};
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Where a post went: "on Facebook and Instagram", from the ids each network gave it. */
export function publishedOn(ids: unknown): string {
  if (!ids || typeof ids !== 'object') return '';
  const names = Object.keys(ids).map(channelName);
  if (names.length === 0) return '';
  return `on ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`}`;
}

/** Every content step, newest first: who did what to which post, and why a post did not go out. */
export function ContentLogPage() {
  const { api } = useServices();
  const { brand, fmt } = useBrand();
  const actor = useActorName();
  useTitle('Publishing log', 'Content', brand.name);
  const log = useResource(`content-log:${brand.id}`, async () => {
    const [l, p] = await Promise.all([
      api.get(`${contentBase(brand.id)}/log`, contentLog),
      api.get(`${contentBase(brand.id)}/posts`, postList),
    ]);
    return { entries: l.entries, titles: new Map(p.posts.map((x) => [`post:${x.id}`, x.product.title])) };
  });
  return (
    <section class="page content-page">
      <h1>Publishing log</h1>
      <ContentNav />
      <Async resource={log} label="Loading the log…">
        {({ entries, titles }) => {
          if (entries.length === 0) return <Empty title="Nothing has happened in the content studio yet." />;
          const subject = (e: (typeof entries)[number]) => {
            if (e.target.startsWith('post:')) return titles.get(e.target) ?? 'A deleted post';
            if (e.target.startsWith('brief:')) return `Brief for ${fmt.month(e.target.slice(6))}`;
            if (e.target.startsWith('plan:')) return `Plan for ${fmt.month(e.target.slice(5))}`;
            if (e.target.startsWith('page:')) return str(e.details.pageName) ?? 'Facebook Page';
            return 'Brand profile';
          };
          const note = (e: (typeof entries)[number]) => {
            const reason = str(e.details.reason);
            if (reason) return reason;
            if (typeof e.details.posts === 'number') return `${e.details.posts} posts`;
            if (e.action === 'content.published') return publishedOn(e.details.ids);
            if (str(e.details.at)) return `for ${fmt.instant(str(e.details.at)!)}`;
            if (str(e.details.pageName) && e.action === 'content.post_scheduled')
              return `to ${str(e.details.pageName)}`;
            return '';
          };
          return (
            <TableWrap label="Publishing log">
              <table class="content-log">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">What</th>
                    <th scope="col">About</th>
                    <th scope="col">By</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e, i) => (
                    <tr key={`${e.at}-${i}`} class={/failed|blocked/.test(e.action) ? 'bad' : undefined}>
                      <td>{fmt.instant(e.at)}</td>
                      <td>{ACTIONS[e.action] ?? e.action.replace(/^content\./, '').replace(/_/g, ' ')}</td>
                      <td>{subject(e)}</td>
                      <td>{actor(e.actor)}</td>
                      <td>{note(e)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          );
        }}
      </Async>
    </section>
  );
}
