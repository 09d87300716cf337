import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyQueryHmac, verifyWebhookHmac } from './hmac';

const SECRET = 'hush';
const body = Buffer.from('{"id":1,"note":"café"}');
const sign = (b: Uint8Array, secret = SECRET) => createHmac('sha256', secret).update(b).digest('base64');

describe('verifyWebhookHmac', () => {
  it.each([
    ['the signature of the raw body', sign(body), true],
    ['a signature made with another secret', sign(body, 'other'), false],
    [
      'a signature of a re-serialized body',
      sign(Buffer.from(`${JSON.stringify(JSON.parse(body.toString()))} `)),
      false,
    ],
    ['no header', undefined, false],
    ['garbage', 'not base64 at all', false],
  ])('accepts only %s', (_name, header, valid) => {
    expect(verifyWebhookHmac(SECRET, body, header)).toBe(valid);
  });
});

describe('verifyQueryHmac', () => {
  const signed = (params: Record<string, string>) => {
    const message = Object.keys(params)
      .sort()
      .map((k) => `${k}=${params[k]}`)
      .join('&');
    return new URLSearchParams({
      ...params,
      hmac: createHmac('sha256', SECRET).update(message).digest('hex'),
    });
  };
  const base = { code: 'abc', shop: 'a.myshopify.com', state: 's1', timestamp: '1700000000' };

  it('accepts a query signed over its sorted pairs, whatever order they arrive in', () => {
    const q = signed(base);
    const reordered = new URLSearchParams([...q.entries()].reverse());
    expect(verifyQueryHmac(SECRET, reordered)).toBe(true);
  });
  it('rejects a query whose parameters were changed after signing', () => {
    const q = signed(base);
    q.set('shop', 'evil.myshopify.com');
    expect(verifyQueryHmac(SECRET, q)).toBe(false);
  });
  it('rejects a query without hmac', () => {
    expect(verifyQueryHmac(SECRET, new URLSearchParams(base))).toBe(false);
  });
});
