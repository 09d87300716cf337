import type { Role } from '../domain/tenancy';
import type { Result } from '../kernel/result';

export interface VerifiedIdentity {
  uid: string;
  tenantId: string;
  role: Role;
  brandIds?: string[];
  email?: string;
}

export type IdentityFailure =
  | 'missing'
  | 'malformed'
  | 'bad_signature'
  | 'expired'
  | 'missing_claims'
  /** Signed, but its tenant is gone or its user is not (or no longer) a member. */
  | 'not_a_member'
  /** Signed before its account's sessions were revoked. */
  | 'revoked';

export interface IdentityVerifier {
  verify(token: string): Promise<Result<VerifiedIdentity, IdentityFailure>>;
}

/** The Pulsepoint claims an account carries into every token it signs in with. */
export interface IdentityClaims {
  tenantId: string;
  role: Role;
  brandIds?: string[];
}

export interface IdentityAccount {
  uid: string;
  email: string;
  /** Its Pulsepoint claims, when set. */
  claims?: IdentityClaims;
}

/**
 * Who may sign in, and with which claims: Firebase Auth through the Admin SDK in production, the
 * local token issuer's directory embedded. The membership record (`tenants/{t}/users/{uid}`)
 * stays the authority on role and brands; claims only carry the tenant into the token.
 */
export interface IdentityAdmin {
  /** The account that signs in with this email, created (without a password) when there is none. */
  accountForEmail(email: string): Promise<IdentityAccount & { created: boolean }>;
  /** Replaces the account's Pulsepoint claims; null removes them. */
  setClaims(uid: string, claims: IdentityClaims | null): Promise<void>;
  /** Signs the account out everywhere: refresh tokens revoked, tokens issued before now refused. */
  revokeSessions(uid: string): Promise<void>;
  /** A link where the account sets its password (how an invitee first signs in); absent locally. */
  passwordSetupLink(email: string): Promise<string | undefined>;
}
