import type { LimitRefusal } from '../domain/billing/limits';
import type { Feature, PlanId } from '../domain/billing/plans';
import { AppError } from '../kernel/errors';

/** Where the web app sends a merchant to upgrade. */
export const UPGRADE_PATH = '/billing';

/** 402 Payment Required: the plan does not cover this; details name the limit and the upgrade. */
export class PlanLimitError extends AppError {
  override readonly code = 'plan_limit_reached';
  override readonly status = 402;
  constructor(message: string, refusal: LimitRefusal) {
    super(message, { details: { ...refusal, upgradeUrl: UPGRADE_PATH } });
  }
}

export class FeatureNotInPlanError extends AppError {
  override readonly code = 'feature_not_in_plan';
  override readonly status = 402;
  constructor(feature: Feature, plan: PlanId, upgradeTo: PlanId | undefined) {
    super(
      `${feature.replaceAll('_', ' ')} is not part of the ${plan} plan${upgradeTo ? `; upgrade to ${upgradeTo}` : ''}`,
      { details: { feature, plan, ...(upgradeTo ? { upgradeTo } : {}), upgradeUrl: UPGRADE_PATH } },
    );
  }
}

/** 403: the subscription ended or stayed unpaid past the grace period; data stays readable. */
export class ReadOnlyError extends AppError {
  override readonly code = 'subscription_read_only';
  override readonly status = 403;
  constructor(message: string, details: { reason: string; plan: PlanId }) {
    super(message, { details: { ...details, upgradeUrl: UPGRADE_PATH } });
  }
}
