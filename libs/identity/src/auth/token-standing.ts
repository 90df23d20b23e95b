import type { Role } from '@app/contract';

/** What an access token says about its person when it was issued. */
export interface AccessTokenClaims {
  sub: string;
  role: Role;
  /** The person's vendor when the token was issued (vendor staff only). */
  vendorId: string | null;
  /** The person's token version when the token was issued. */
  version: number;
  jti: string;
  /** Epoch seconds. */
  exp: number;
}

/** The person as stored now, with what revokes their tokens. */
export interface StoredIdentity {
  role: Role;
  vendorId: string | null;
  tokenVersion: number;
  /** jtis of this person's logged-out tokens that have not expired yet. */
  revokedJtis: ReadonlySet<string>;
}

export type TokenStanding = 'valid' | 'unknown_user' | 'superseded' | 'revoked' | 'identity_changed';

/**
 * Whether a token (already checked for signature and expiry) still speaks for its person. A
 * password change or deactivation supersedes every earlier token; a logout revokes one. A request
 * takes the person as they are now, so a role change applies to it at once; a live connection was
 * authorised for the identity it opened with (`live`), so it ends when that identity changes.
 */
export function tokenStanding(claims: AccessTokenClaims, stored: StoredIdentity | null, live: boolean): TokenStanding {
  if (!stored) return 'unknown_user';
  if (claims.version !== stored.tokenVersion) return 'superseded';
  if (stored.revokedJtis.has(claims.jti)) return 'revoked';
  if (live && (claims.role !== stored.role || claims.vendorId !== stored.vendorId)) return 'identity_changed';
  return 'valid';
}
