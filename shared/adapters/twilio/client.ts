import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

export type TwilioClient = twilio.Twilio;

export interface TwilioClientOptions {
  accountSid: string;
  authToken: string;
  /**
   * Where `https://api.twilio.com` requests go instead (the loopback sandbox). The SDK has no
   * base-URL option, so a RequestClient rewrites the origin of every request it makes.
   */
  baseUrl?: string;
}

const TWILIO_API = 'https://api.twilio.com';

class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ autoRetry: false });
  }
  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = opts.uri.startsWith(TWILIO_API) ? this.baseUrl + opts.uri.slice(TWILIO_API.length) : opts.uri;
    return super.request<TData>({ ...opts, uri });
  }
}

export function createTwilioClient(options: TwilioClientOptions): TwilioClient {
  return twilio(options.accountSid, options.authToken, {
    ...(options.baseUrl ? { httpClient: new RebasedRequestClient(options.baseUrl.replace(/\/$/, '')) } : {}),
  });
}
