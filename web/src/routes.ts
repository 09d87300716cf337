import { createMatcher, pathTo } from './router';

/** Every page of the app, by name; `href` builds links so no page spells another's URL. */
export const ROUTES = {
  signIn: '/sign-in',
  acceptInvitation: '/invitations/accept',
  home: '/',
  agency: '/agency',
  usage: '/usage',
  billing: '/billing',
  members: '/members',
  newBrand: '/onboarding',
  onboarding: '/brands/:brandId/onboarding',
  dashboard: '/brands/:brandId',
  recommendations: '/brands/:brandId/recommendations',
  budgetPlan: '/brands/:brandId/budget-plan',
  alerts: '/brands/:brandId/alerts',
  customerValue: '/brands/:brandId/customer-value',
  ask: '/brands/:brandId/ask',
  drilldown: '/brands/:brandId/drilldown/:kind/:id',
  settings: '/brands/:brandId/settings',
  customers: '/brands/:brandId/customers',
  customer: '/brands/:brandId/customers/:profileId',
  customerReviews: '/brands/:brandId/customer-reviews',
  import: '/brands/:brandId/import',
  content: '/brands/:brandId/content',
  contentCalendar: '/brands/:brandId/content/calendar',
  contentBrief: '/brands/:brandId/content/brief',
  contentProfile: '/brands/:brandId/content/profile',
  contentLog: '/brands/:brandId/content/log',
  contentPost: '/brands/:brandId/content/posts/:postId',
  engagement: '/brands/:brandId/engagement',
  engagementCampaign: '/brands/:brandId/engagement/campaigns/:campaignId',
} as const;
export type RouteName = keyof typeof ROUTES;

export const matchRoute = createMatcher(
  (Object.entries(ROUTES) as [RouteName, string][]).map(([name, pattern]) => ({ name, pattern })),
);

export const href = (name: RouteName, params: Record<string, string> = {}) => pathTo(ROUTES[name], params);

/**
 * The menu entry a page sits under: a drill-down under the dashboard, a customer under Customers,
 * a campaign under Engagement, a content tab under Content. A page with no menu entry of its own
 * (a brand's set-up) is under none.
 */
const SECTION_OF: Partial<Record<RouteName, RouteName>> = {
  drilldown: 'dashboard',
  customer: 'customers',
  customerReviews: 'customers',
  contentCalendar: 'content',
  contentBrief: 'content',
  contentProfile: 'content',
  contentLog: 'content',
  contentPost: 'content',
  engagementCampaign: 'engagement',
};

/** `aria-current` for a menu entry: `page` on its own page, `true` on a page of its section. */
export function menuCurrent(entry: RouteName, page: RouteName | undefined): 'page' | 'true' | undefined {
  if (!page) return undefined;
  if (page === entry) return 'page';
  return SECTION_OF[page] === entry ? 'true' : undefined;
}
