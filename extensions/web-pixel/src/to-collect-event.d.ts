/** Types of to-collect-event.js, so the server's tests can check the pixel's mapping. */
export interface CollectEventFromPixel {
  id: string;
  type: string;
  occurredAt: string;
  clientId: string | null;
  url: string | null;
  userAgent: string | null;
  data?: Record<string, unknown>;
  properties?: Record<string, unknown>;
}
export function toCollectEvent(event: unknown): CollectEventFromPixel;
export const FLUSH_NOW: Set<string>;
