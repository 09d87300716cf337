/**
 * Twilio's webhook payloads as its documentation shows them (form-encoded; values are strings).
 * The sandbox and the receiver's tests both start from these.
 */

/**
 * A delivery status callback, posted to the message's `StatusCallback`:
 * https://www.twilio.com/docs/messaging/guides/track-outbound-message-status
 * (`ErrorCode` appears only on `failed` and `undelivered`).
 */
export const STATUS_CALLBACK_DELIVERED = {
  AccountSid: 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
  ApiVersion: '2010-04-01',
  From: '+15017122661',
  MessageSid: 'SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
  MessageStatus: 'delivered',
  SmsSid: 'SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
  SmsStatus: 'delivered',
  To: '+15558675310',
} as const;

/** An undelivered message; 30003 "Unreachable destination handset", 30005 "Unknown destination handset". */
export const STATUS_CALLBACK_UNDELIVERED = {
  ...STATUS_CALLBACK_DELIVERED,
  MessageStatus: 'undelivered',
  SmsStatus: 'undelivered',
  ErrorCode: '30005',
} as const;

/**
 * An incoming message, posted to the number's messaging webhook:
 * https://www.twilio.com/docs/messaging/guides/webhook-request
 */
export const INBOUND_MESSAGE = {
  ToCountry: 'US',
  ToState: 'CA',
  SmsMessageSid: 'SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXY',
  NumMedia: '0',
  ToCity: '',
  FromZip: '',
  SmsSid: 'SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXY',
  FromState: 'CA',
  SmsStatus: 'received',
  FromCity: '',
  Body: 'STOP',
  FromCountry: 'US',
  To: '+15017122661',
  ToZip: '',
  NumSegments: '1',
  MessageSid: 'SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXY',
  AccountSid: 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
  From: '+15558675310',
  ApiVersion: '2010-04-01',
} as const;

/**
 * The Message resource `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` answers with (201):
 * https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
 */
export const MESSAGE_CREATED = {
  account_sid: 'ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
  api_version: '2010-04-01',
  body: 'Hi there',
  date_created: 'Thu, 24 Aug 2023 05:01:45 +0000',
  date_sent: null,
  date_updated: 'Thu, 24 Aug 2023 05:01:45 +0000',
  direction: 'outbound-api',
  error_code: null,
  error_message: null,
  from: '+14155552345',
  num_media: '0',
  num_segments: '1',
  price: null,
  price_unit: null,
  messaging_service_sid: null,
  sid: 'SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
  status: 'queued',
  subresource_uris: {
    media:
      '/2010-04-01/Accounts/ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX/Messages/SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX/Media.json',
  },
  to: '+14155552345',
  uri: '/2010-04-01/Accounts/ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX/Messages/SMXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX.json',
} as const;

/**
 * A REST error body (https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions);
 * 21211 is "Invalid 'To' Phone Number" (https://www.twilio.com/docs/api/errors/21211).
 */
export const ERROR_INVALID_TO = {
  code: 21211,
  message: "Invalid 'To' Phone Number: +1555",
  more_info: 'https://www.twilio.com/docs/errors/21211',
  status: 400,
} as const;
