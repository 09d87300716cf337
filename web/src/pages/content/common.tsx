import { useEffect, useState } from 'preact/hooks';
import type { Post } from '../../../../shared/domain/content/post';
import { toLocalDate } from '../../../../shared/domain/time';
import { postList } from '../../api/content-schemas';
import { Link } from '../../components/link';
import { useBrand, useServices } from '../../context';
import { useResource } from '../../hooks/use-resource';
import { useLocation } from '../../router';
import { href, type RouteName } from '../../routes';

export const contentBase = (brandId: string) => `/api/brands/${encodeURIComponent(brandId)}/content`;

const TABS: readonly [RouteName, string][] = [
  ['content', 'Posts'],
  ['contentCalendar', 'Calendar'],
  ['contentBrief', 'Brief'],
  ['contentProfile', 'Brand profile'],
  ['contentLog', 'Publishing log'],
];

/** The content studio's own navigation, under the page title. */
export function ContentNav() {
  const { brand } = useBrand();
  const { pathname } = useLocation();
  return (
    <nav class="subnav" aria-label="Content studio">
      {TABS.map(([name, label]) => {
        const to = href(name, { brandId: brand.id });
        return (
          <Link key={name} href={to} aria-current={pathname === to ? 'page' : undefined}>
            {label}
          </Link>
        );
      })}
    </nav>
  );
}

export const STATUS_LABEL: Record<Post['status'], string> = {
  draft: 'Draft',
  approved: 'Approved',
  scheduled: 'Scheduled',
  publishing: 'Publishing',
  published: 'Published',
  failed: 'Failed',
};

export function StatusPill(props: { status: Post['status'] }) {
  return <span class={`pill post-status status-${props.status}`}>{STATUS_LABEL[props.status]}</span>;
}

export const KIND_LABEL: Record<Post['product']['kind'], string> = {
  overstock: 'Overstock',
  margin: 'Healthy margin',
  bestseller: 'Bestseller',
};

/** This month in the brand's timezone (`YYYY-MM`). */
export function useBrandMonth(): string {
  const { brand } = useBrand();
  return toLocalDate(new Date(), brand.timezone).slice(0, 7);
}

export function usePosts() {
  const { api } = useServices();
  const { brand } = useBrand();
  return useResource(`content-posts:${brand.id}`, () => api.get(`${contentBase(brand.id)}/posts`, postList));
}

/** People in the studio's history: Pulsepoint's own steps, the viewer, or a teammate. */
export function useActorName() {
  const { session } = useServices();
  return (uid: string) =>
    uid.startsWith('system:') ? 'Pulsepoint' : uid === session.identity.uid ? 'You' : 'A teammate';
}

/**
 * A post's rendered image. The image route needs the bearer token, which an `<img src>` cannot
 * send, so it is downloaded through the API client and shown from an object URL.
 */
export function PostImage(props: { post: Post; size: 'thumb' | 'large' }) {
  const { api } = useServices();
  const { brand } = useBrand();
  const [url, setUrl] = useState<string | undefined>();
  const [failed, setFailed] = useState(false);
  const { post } = props;
  useEffect(() => {
    if (!post.imageKey) return;
    let live = true;
    let made: string | undefined;
    api.download(`${contentBase(brand.id)}/posts/${encodeURIComponent(post.id)}/image`).then(
      (blob) => {
        made = URL.createObjectURL(blob);
        if (live) setUrl(made);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [post.id, post.imageKey, post.updatedAt]);
  const alt = `Post image: ${post.product.title}`;
  if (!post.imageKey || failed)
    return (
      <div class={`post-image ${props.size} missing`}>{failed ? 'Image unavailable' : 'No image yet'}</div>
    );
  return url ? (
    <img class={`post-image ${props.size}`} src={url} alt={alt} width={1080} height={1080} />
  ) : (
    <div class={`post-image ${props.size} missing`} role="status">
      Loading image…
    </div>
  );
}
