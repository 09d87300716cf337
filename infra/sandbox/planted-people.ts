/**
 * The people planted in the demo brand's customer events (`npm start`), for identity resolution
 * and Customer 360 to find. Every value here is what the events carry, as received (not
 * normalised). Times are days before the demo store's "now". Fictional: example.com / .net
 * addresses and 555-01xx phone numbers (reserved for fiction in the North American plan).
 *
 * - PRIYA: a repeat customer on three devices. Each device browses anonymously (its own
 *   Shopify clientId) and checks out with the same email, so one profile should hold all three.
 * - SAM: buys at the till with only a phone number, later orders online with email and the
 *   same phone written another way; the two must end up one profile (phone match, E.164).
 * - KATHERINE: four records of one person that share no strong identifier (different emails and
 *   phones), only name / address / postcode / date of birth, with the typos people make. A
 *   cluster of four is above the auto-merge limit: it must go to the review queue.
 */
export interface PlantedRecord {
  /** Event id of the record's identifying event. */
  eventId: string;
  source: 'pixel' | 'pos' | 'messaging' | 'api';
  type: string;
  daysAgo: number;
  email?: string;
  phone?: string;
  whatsapp?: string;
  loyaltyId?: string;
  clientId?: string;
  person: {
    first_name: string | null;
    last_name: string | null;
    address1?: string | null;
    city?: string | null;
    postcode?: string | null;
    country?: string | null;
    date_of_birth?: string | null;
  };
  valueMinor?: number;
}

export const PRIYA = {
  name: 'Priya Shah',
  email: 'priya.shah@example.com',
  devices: ['pp-demo-priya-phone-5c1e', 'pp-demo-priya-laptop-9a2f', 'pp-demo-priya-tablet-3d7b'],
  /** One purchase per device, oldest first: [daysAgo, device index, order total in cents]. */
  purchases: [
    [40, 0, 8900],
    [21, 1, 12900],
    [6, 2, 4500],
  ] as const,
  person: {
    first_name: 'Priya',
    last_name: 'Shah',
    address1: '88 Larch St',
    city: 'Brooklyn',
    postcode: '11201',
    country: 'US',
  },
  expect: 'one profile, three devices, three orders',
} as const;

export const SAM = {
  name: 'Sam Okafor',
  posPhone: '(212) 555-0147',
  onlinePhone: '+1 212-555-0147',
  email: 'sam.okafor@example.com',
  posReceipt: { receiptId: 'T-20931', locationId: 'soho-store', daysAgo: 20, totalMinor: 6400 },
  online: { daysAgo: 5, clientId: 'pp-demo-sam-phone-71aa', totalMinor: 11800 },
  person: {
    first_name: 'Sam',
    last_name: 'Okafor',
    address1: '210 Spring St',
    city: 'New York',
    postcode: '10012',
    country: 'US',
  },
  expect: 'the POS buyer and the online buyer are one profile (same phone)',
} as const;

export const KATHERINE: { expect: string; records: readonly PlantedRecord[] } = {
  expect: 'a cluster of four without a shared strong identifier: to the review queue, not auto-merged',
  records: [
    {
      eventId: 'pp-demo-katherine-1',
      source: 'pixel',
      type: 'checkout_completed',
      daysAgo: 33,
      email: 'kjohnson.home@example.net',
      clientId: 'pp-demo-katherine-laptop-22c4',
      person: {
        first_name: 'Katherine',
        last_name: 'Johnson',
        address1: '14 Birch Lane',
        city: 'Portland',
        postcode: '97205',
        country: 'US',
      },
      valueMinor: 7600,
    },
    {
      eventId: 'pp-demo-katherine-2',
      source: 'pos',
      type: 'pos_purchase',
      daysAgo: 26,
      phone: '(503) 555-0182',
      loyaltyId: 'LOY-448213',
      person: {
        first_name: 'Kate',
        last_name: 'Johnson',
        postcode: '97205',
        country: 'US',
        date_of_birth: '1985-04-12',
      },
      valueMinor: 3200,
    },
    {
      eventId: 'pp-demo-katherine-3',
      source: 'api',
      type: 'custom:newsletter_signup',
      daysAgo: 15,
      email: 'katherine.j@worktech.example',
      person: {
        first_name: 'Katherine',
        last_name: 'Jonhson',
        address1: '14 Birch Ln',
        city: 'Portland',
        postcode: '97205',
        country: 'US',
      },
    },
    {
      eventId: 'pp-demo-katherine-4',
      source: 'messaging',
      type: 'message_received',
      daysAgo: 9,
      whatsapp: '+1 503 555 0196',
      person: {
        first_name: 'K.',
        last_name: 'Johnson',
        postcode: '97205',
        country: 'US',
        date_of_birth: '1985-04-12',
      },
    },
  ],
};
