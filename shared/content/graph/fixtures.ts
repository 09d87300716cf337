/**
 * Graph API responses as Meta documents them, for the client's parser tests. Each names the page
 * it was written from; the sandbox (infra/sandbox/meta-graph) answers in the same shapes, and a
 * test parses both, so the sandbox cannot drift from the documentation unnoticed.
 */

/** https://developers.facebook.com/docs/graph-api/reference/page/photos/ — "Creating": returns `id` and `post_id`. */
export const PAGE_PHOTO_CREATED = { id: '1234567890123', post_id: '102030405060708_1234567890999' };

/** https://developers.facebook.com/docs/graph-api/reference/page/photos/ — reading `?type=uploaded`; `name` is the caption. */
export const PAGE_PHOTOS = {
  data: [{ id: '1234567890123', name: 'Cold evenings, sorted.', created_time: '2026-12-03T15:00:02+0000' }],
  paging: { cursors: { before: 'QVFI', after: 'QVFJ' } },
};

/** https://developers.facebook.com/docs/graph-api/reference/page/ — `instagram_business_account` is the linked IG User. */
export const PAGE = {
  id: '102030405060708',
  name: 'Demo Brand',
  instagram_business_account: { id: '17841400000000001' },
};

/** https://developers.facebook.com/docs/instagram-platform/content-publishing/ — step 1, POST /{ig-user-id}/media. */
export const IG_CONTAINER_CREATED = { id: '17889455560051444' };

/**
 * https://developers.facebook.com/documentation/instagram-platform/instagram-graph-api/reference/ig-container —
 * `status_code`: EXPIRED, ERROR, FINISHED, IN_PROGRESS, PUBLISHED.
 */
export const IG_CONTAINER_STATUS = { status_code: 'FINISHED', id: '17889455560051444' };

/** https://developers.facebook.com/documentation/instagram-platform/instagram-graph-api/reference/ig-user/media_publish — returns the IG Media id. */
export const IG_MEDIA_PUBLISHED = { id: '17920238422030506' };

/**
 * https://developers.facebook.com/documentation/instagram-platform/instagram-graph-api/reference/ig-user/content_publishing_limit —
 * `?fields=quota_usage,config`: usage in the moving 24-hour window, and the limit.
 */
export const IG_PUBLISHING_LIMIT = {
  data: [{ quota_usage: 2, config: { quota_total: 50, quota_duration: 86400 } }],
};

/** https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media — `?fields=id,caption,timestamp`. */
export const IG_MEDIA = {
  data: [
    { id: '17920238422030506', caption: 'Cold evenings, sorted.', timestamp: '2026-12-03T15:00:05+0000' },
  ],
};

/** The Graph API's error responses (throttles, tokens, permissions, …): shared/platforms/meta/fixtures/graph-errors.ts. */

/**
 * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/error-codes/ —
 * code 9, subcode 2207042: the account reached its content publishing limit.
 */
export const IG_ERROR_PUBLISH_LIMIT = {
  error: {
    message: 'Application request limit reached',
    type: 'OAuthException',
    code: 9,
    error_subcode: 2207042,
    is_transient: false,
    error_user_title: 'Reached publishing limit',
    error_user_msg:
      'You reached maximum number of posts that is allowed to be published by Content Publish API.',
    fbtrace_id: 'AQf9lx4sZ9h',
  },
};
