/**
 * One error hierarchy. Expected outcomes are returned as values (see result.ts); these are for
 * failures. Each carries a stable `code` and the HTTP status the API maps it to in one place.
 */
export class AppError extends Error {
  readonly code: string = 'internal';
  readonly status: number = 500;
  readonly details?: unknown;
  constructor(message: string, options?: { cause?: unknown; details?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options?.details !== undefined) this.details = options.details;
  }
}

export class ValidationError extends AppError {
  override readonly code = 'invalid_request';
  override readonly status = 400;
}
export class UnauthenticatedError extends AppError {
  override readonly code = 'unauthenticated';
  override readonly status = 401;
}
export class ForbiddenError extends AppError {
  override readonly code = 'forbidden';
  override readonly status = 403;
}
/**
 * An outside platform (an ad network) refused for want of a permission its connection was never
 * granted or has lost: a person must connect it again granting it, so retrying cannot help.
 */
export class PlatformPermissionError extends AppError {
  override readonly code = 'platform_permission_missing';
  override readonly status = 403;
  constructor(
    message: string,
    /** The ad account the platform refused, as the platform writes it, when the refusal names one. */
    readonly account?: string,
  ) {
    super(message);
  }
}
/**
 * An outside platform will not serve the ad account itself as it is now (not enabled, suspended,
 * not found, an account setting its administrator requires): the merchant fixes the account on the
 * platform or chooses another; connecting again the same way cannot help.
 */
export class PlatformAccountError extends AppError {
  override readonly code = 'platform_account_unusable';
  override readonly status = 403;
  constructor(
    message: string,
    readonly account?: string,
  ) {
    super(message);
  }
}
/**
 * An outside platform refused Pulsepoint's own app credentials (Google Ads' developer token or
 * Cloud project, …), which the operator holds for every merchant: only the operator can fix it,
 * so the merchant is not asked to reconnect and the operator is alerted (decision 1025).
 */
export class PlatformAppError extends AppError {
  override readonly code = 'platform_app_refused';
  override readonly status = 502;
}
export class NotFoundError extends AppError {
  override readonly code = 'not_found';
  override readonly status = 404;
}
export class ConflictError extends AppError {
  override readonly code = 'conflict';
  override readonly status = 409;
}
export class PayloadTooLargeError extends AppError {
  override readonly code = 'payload_too_large';
  override readonly status = 413;
}
export class RateLimitedError extends AppError {
  override readonly code = 'rate_limited';
  override readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}
export class BudgetExceededError extends AppError {
  override readonly code = 'ai_budget_exceeded';
  override readonly status = 429;
}
export class UpstreamError extends AppError {
  override readonly code = 'upstream_error';
  override readonly status = 502;
}
/** A failure worth trying again (throttling, 5xx, timeouts); the bus or client honours retryAfterMs. */
export class RetryableError extends AppError {
  override readonly code = 'temporarily_unavailable';
  override readonly status = 503;
  constructor(
    message: string,
    readonly retryAfterMs = 0,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
/** A configuration value is missing or wrong; start-up stops with this message. */
export class ConfigError extends AppError {
  override readonly code = 'config_error';
}
