import type { Role } from '../domain/tenancy';
import type { Result } from '../kernel/result';

export interface VerifiedIdentity {
  uid: string;
  tenantId: string;
  role: Role;
  brandIds?: string[];
  email?: string;
}

export type IdentityFailure = 'missing' | 'malformed' | 'bad_signature' | 'expired' | 'missing_claims';

export interface IdentityVerifier {
  verify(token: string): Promise<Result<VerifiedIdentity, IdentityFailure>>;
}
