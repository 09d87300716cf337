/** The channels Pulsepoint reaches customers on. */
export const CHANNEL_KINDS = ['email', 'sms', 'whatsapp'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
