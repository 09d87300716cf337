import twilio from 'twilio';

/**
 * Checks `X-Twilio-Signature` with the SDK's own `validateRequest` (HMAC-SHA1 of the URL Twilio
 * called plus the sorted form parameters, keyed with the auth token:
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security).
 */
export function createTwilioWebhookVerifier(options: { authToken: string }) {
  return function verifyTwilioSignature(
    url: string,
    params: Readonly<Record<string, string>>,
    signature: string | null,
  ): boolean {
    if (!signature) return false;
    return twilio.validateRequest(options.authToken, signature, url, { ...params });
  };
}
export type TwilioWebhookVerifier = ReturnType<typeof createTwilioWebhookVerifier>;
