import { AccessTokenClaims, StoredIdentity, tokenStanding } from './token-standing';

const claims: AccessTokenClaims = {
  sub: 'u1',
  role: 'vendor',
  vendorId: 'v1',
  version: 2,
  jti: 'j1',
  exp: 2_000_000_000,
};
const stored: StoredIdentity = { role: 'vendor', vendorId: 'v1', tokenVersion: 2, revokedJtis: new Set() };

describe('tokenStanding', () => {
  it('accepts a token of the current version that was not logged out', () => {
    expect(tokenStanding(claims, stored, false)).toBe('valid');
    expect(tokenStanding(claims, stored, true)).toBe('valid');
  });

  it('refuses a token of an unknown or deactivated person', () => {
    expect(tokenStanding(claims, null, false)).toBe('unknown_user');
  });

  it('refuses every token issued before a password change or deactivation', () => {
    expect(tokenStanding(claims, { ...stored, tokenVersion: 3 }, false)).toBe('superseded');
    expect(tokenStanding({ ...claims, version: 3 }, stored, false)).toBe('superseded');
  });

  it('refuses a logged-out token, and only that one', () => {
    const revoked = { ...stored, revokedJtis: new Set(['j1']) };
    expect(tokenStanding(claims, revoked, false)).toBe('revoked');
    expect(tokenStanding({ ...claims, jti: 'j2' }, revoked, false)).toBe('valid');
  });

  it('lets a request take a changed role or vendor, but not a live connection opened before the change', () => {
    const promoted = { ...stored, role: 'engineer' as const, vendorId: null };
    expect(tokenStanding(claims, promoted, false)).toBe('valid');
    expect(tokenStanding(claims, promoted, true)).toBe('identity_changed');
    expect(tokenStanding(claims, { ...stored, vendorId: 'v2' }, true)).toBe('identity_changed');
  });
});
