import { createHmac } from 'node:crypto';

/**
 * `X-Twilio-Signature` as Twilio computes it (https://www.twilio.com/docs/usage/webhooks/webhooks-security):
 * the full URL the request is sent to, then every POST parameter's name immediately followed by
 * its value, names sorted alphabetically, no separators; HMAC-SHA1 keyed with the account's auth
 * token; base64. Written from the documentation, not from the SDK, so the receiver's
 * `twilio.validateRequest` checks the sandbox against Twilio's own implementation.
 */
export function twilioSignature(
  authToken: string,
  url: string,
  params: Readonly<Record<string, string>>,
): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}
