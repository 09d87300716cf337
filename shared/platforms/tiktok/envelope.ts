import { z } from 'zod';
import type { Classification, HttpResponse } from '../../kernel/http';

/**
 * TikTok Business API answers HTTP 200 with `{code, message, request_id, data}`; `code` 0 is
 * success. Rate limiting is `code` 40100 ("Requests made too frequently") in a 200, so it is
 * classified here and takes the client's retry path; 5xxxx are transient system errors.
 */
export const TIKTOK_RATE_LIMITED = 40100;
/** Access token missing, invalid or expired: refresh and try again. */
export const TIKTOK_AUTH_CODES = new Set([40101, 40102, 40104, 40105]);
/**
 * The app or the signed-in user may not read this advertiser (decision 1025). TikTok's own
 * return-code page is not stored for this project; third-party copies disagree on 40002 ("no
 * permission" in one, "invalid parameters" in another), but none gives either code a reading that
 * trying again could fix, so both are final and shown in TikTok's words.
 */
export const TIKTOK_PERMISSION_CODES = new Set([40001, 40002]);
const TRANSIENT = (code: number) => code === TIKTOK_RATE_LIMITED || (code >= 50000 && code < 60000);

export const envelopeSchema = z.object({
  code: z.number(),
  message: z.string(),
  request_id: z.string().optional(),
  data: z.unknown().optional(),
});

export function classifyTiktokResponse(response: HttpResponse): Classification {
  const parsed = envelopeSchema.safeParse(response.body);
  if (!parsed.success || !TRANSIENT(parsed.data.code)) return { retry: false };
  return { retry: true, reason: `tiktok code ${parsed.data.code}: ${parsed.data.message}` };
}

export const pageInfoSchema = z.object({
  page: z.number(),
  page_size: z.number(),
  total_number: z.number(),
  total_page: z.number(),
});
