import { useMemo } from 'preact/hooks';
import { BrandContext, useServices } from '../context';
import { createFormat } from '../format';
import type { Params } from '../router';
import type { RouteName } from '../routes';
import { AlertsPage } from './alerts';
import { AskPage } from './ask';
import { BudgetPlanPage } from './budget-plan';
import { ContentBriefPage } from './content/brief';
import { ContentCalendarPage } from './content/calendar';
import { ContentLogPage } from './content/log';
import { ContentPostPage } from './content/post';
import { ContentPostsPage } from './content/posts';
import { ContentProfilePage } from './content/profile';
import { CustomerPage } from './customer';
import { CustomerValuePage } from './customer-analytics';
import { CustomerReviewsPage } from './customer-reviews';
import { CustomersPage } from './customers';
import { DashboardPage } from './dashboard';
import { DrilldownPage } from './drilldown';
import { EngagementPage } from './engagement';
import { EngagementCampaignPage } from './engagement-campaign';
import { ImportPage } from './import';
import { NotFoundPage } from './not-found';
import { OnboardingPage } from './onboarding';
import { RecommendationsPage } from './recommendations';
import { SettingsPage } from './settings';

/** Pages under /brands/:brandId: the brand and its formatting (currency, timezone) come from here. */
export function BrandPages(props: { name: RouteName; params: Params }) {
  const { brands, locale } = useServices();
  const brand = brands.find((b) => b.id === props.params.brandId);
  const view = useMemo(
    () =>
      brand
        ? { brand, fmt: createFormat({ locale, currency: brand.currency, timeZone: brand.timezone }) }
        : undefined,
    [brand, locale],
  );
  if (!view) return <NotFoundPage />;
  return (
    <BrandContext.Provider value={view}>
      <BrandPage name={props.name} params={props.params} />
    </BrandContext.Provider>
  );
}

function BrandPage(props: { name: RouteName; params: Params }) {
  switch (props.name) {
    case 'dashboard':
      return <DashboardPage />;
    case 'recommendations':
      return <RecommendationsPage />;
    case 'budgetPlan':
      return <BudgetPlanPage />;
    case 'alerts':
      return <AlertsPage />;
    case 'customerValue':
      return <CustomerValuePage />;
    case 'ask':
      return <AskPage />;
    case 'settings':
      return <SettingsPage />;
    case 'import':
      return <ImportPage />;
    case 'onboarding':
      return <OnboardingPage />;
    case 'customers':
      return <CustomersPage />;
    case 'customer':
      return <CustomerPage profileId={props.params.profileId ?? ''} />;
    case 'customerReviews':
      return <CustomerReviewsPage />;
    case 'content':
      return <ContentPostsPage />;
    case 'contentCalendar':
      return <ContentCalendarPage />;
    case 'contentBrief':
      return <ContentBriefPage />;
    case 'contentProfile':
      return <ContentProfilePage />;
    case 'contentLog':
      return <ContentLogPage />;
    case 'contentPost':
      return <ContentPostPage postId={props.params.postId ?? ''} />;
    case 'engagement':
      return <EngagementPage />;
    case 'engagementCampaign':
      return <EngagementCampaignPage campaignId={props.params.campaignId ?? ''} />;
    case 'drilldown':
      return <DrilldownPage kind={props.params.kind ?? ''} id={props.params.id ?? ''} />;
    default:
      return <NotFoundPage />;
  }
}
