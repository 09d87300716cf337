import { register } from '@shopify/web-pixels-extension';
import { FLUSH_NOW, toCollectEvent } from './to-collect-event';

/**
 * The Pulsepoint web pixel (an app web pixel, strict sandbox). API as documented in
 * https://shopify.dev/docs/api/web-pixels-api/standard-api/analytics: `register` gives
 * `analytics`, `browser`, `init` and `settings`; `all_standard_events` / `all_custom_events`
 * deliver every event. Events are batched (up to 20 or 2 seconds) and posted as text/plain JSON,
 * a CORS "simple" request, so no preflight is needed; the write key travels in the body.
 */
const MAX_BATCH = 20;
const FLUSH_AFTER_MS = 2000;

register(({ analytics, settings }) => {
  const url = settings.collectUrl;
  const writeKey = settings.writeKey;
  let queue = [];
  let timer = null;

  function flush() {
    if (timer) clearTimeout(timer);
    timer = null;
    if (queue.length === 0) return;
    const events = queue;
    queue = [];
    fetch(url, {
      method: 'POST',
      keepalive: true,
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ writeKey, events }),
    }).catch(() => {
      // Lost on a network failure: the pixel never retries into a page the shopper left.
    });
  }

  function enqueue(event) {
    queue.push(toCollectEvent(event));
    if (queue.length >= MAX_BATCH || FLUSH_NOW.has(event.name)) flush();
    else if (!timer) timer = setTimeout(flush, FLUSH_AFTER_MS);
  }

  analytics.subscribe('all_standard_events', enqueue);
  analytics.subscribe('all_custom_events', enqueue);
});
