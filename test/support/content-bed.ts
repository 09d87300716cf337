/**
 * A content test bed: a real SQLite document db, encrypted-file secrets, local media, the Graph
 * sandbox on loopback and a clock tests move. Test-only (imports infra/ and adapters).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GRAPH_SANDBOX_PAGES,
  GRAPH_SANDBOX_TOKEN,
  type GraphSandboxOptions,
  startGraphSandbox,
} from '../../infra/sandbox/meta-graph/server';
import { createOperationalStore } from '../../shared/adapters/document-store/document-store';
import { createEncryptedFileSecretStore } from '../../shared/adapters/embedded/encrypted-file-secret-store';
import { createLocalMediaStore } from '../../shared/adapters/embedded/local-media-store';
import { createSqliteDocumentDb } from '../../shared/adapters/embedded/sqlite-document-db';
import { posts } from '../../shared/content/documents';
import { createGraphClient } from '../../shared/content/graph/client';
import { createPublisher, type PublisherDeps } from '../../shared/content/publish';
import { createScheduling } from '../../shared/content/schedule';
import type { Post } from '../../shared/domain/content/post';
import { systemContext } from '../../shared/domain/tenancy';
import { createMemoryLogger } from '../../shared/kernel/logging/logger';
import { fixedClock, sequentialIds } from '../../shared/ports/clock';

export const TEST_START = '2026-12-01T09:00:00.000Z';

export async function contentTestBed(options: GraphSandboxOptions & Partial<PublisherDeps> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pp-content-'));
  const clock = fixedClock(TEST_START);
  const graphSandbox = await startGraphSandbox({ now: () => clock.now().getTime(), ...options });
  const documents = createSqliteDocumentDb(join(dir, 'db.sqlite'));
  const store = createOperationalStore(documents);
  const secrets = createEncryptedFileSecretStore(join(dir, 'secrets.json'), randomBytes(32));
  const media = createLocalMediaStore({
    root: join(dir, 'media'),
    publicUrl: 'http://localhost:8080',
    signingKey: randomBytes(32),
  });
  const ids = sequentialIds('c');
  const logger = createMemoryLogger();
  const graph = (baseUrl: string | undefined) =>
    createGraphClient({ fetch, ...(baseUrl ? { baseUrl } : {}), sleep: async () => {} });
  const scope = { ctx: systemContext('t_content', 'test'), brandId: 'b1' };
  const deps = {
    documents,
    store,
    secrets,
    media,
    graph,
    clock,
    ids,
    logger,
    sleep: async () => {},
    ...options,
  };
  const publisher = createPublisher(deps);
  const scheduling = createScheduling(deps);
  const [page, otherPage] = GRAPH_SANDBOX_PAGES;
  let n = 0;

  /** An approved post with an image, ready to schedule. */
  async function anApprovedPost(overrides: Partial<Post> = {}): Promise<Post> {
    n++;
    const at = clock.now().toISOString();
    const post: Post = {
      id: `post-${n}`,
      brandId: scope.brandId,
      planMonth: '2026-12',
      status: 'approved',
      channels: ['facebook', 'instagram'],
      caption: `Post number ${n}: the Alpine Throw keeps you warm.`,
      hashtags: ['#DemoBrand'],
      callToAction: 'Tap the link in bio to shop.',
      product: {
        variantId: 'gid://shopify/ProductVariant/1',
        title: 'Alpine Throw',
        priceMinor: 8900,
        currency: 'USD',
        stock: 2600,
        daysOfCover: 900,
        reason: 'overstocked',
        kind: 'overstock',
      },
      imageKey: `posts/post-${n}.png`,
      publishedIds: {},
      comments: [],
      history: [],
      createdAt: at,
      updatedAt: at,
      ...overrides,
    };
    await media.put(scope, post.imageKey ?? 'x.png', new Uint8Array([1, 2, 3]), 'image/png');
    await posts.put(documents, scope, post.id, post);
    return post;
  }

  return {
    dir,
    clock,
    scope,
    documents,
    store,
    secrets,
    media,
    publisher,
    scheduling,
    graphSandbox,
    logger,
    page: page!,
    otherPage: otherPage!,
    anApprovedPost,
    connect: (pageId: string = page!.id) =>
      scheduling.connect(scope, { pageId, accessToken: GRAPH_SANDBOX_TOKEN, apiBaseUrl: graphSandbox.url }),
    post: (id: string) => posts.get(documents, scope, id),
    async close() {
      await graphSandbox.close();
      await documents.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type ContentTestBed = Awaited<ReturnType<typeof contentTestBed>>;
