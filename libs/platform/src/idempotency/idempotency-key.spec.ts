import { idempotencyKeyProblem, requestFingerprint } from './idempotency-key';

describe('idempotencyKeyProblem', () => {
  it.each(['a', 'order-2026-02-15 #1', '~'.repeat(255), ' leading space is printable'])('accepts %j', (key) => {
    expect(idempotencyKeyProblem(key)).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['a control character', 'a\u0000b'],
    ['a tab', 'a\tb'],
    ['non-ASCII', 'clé'],
    ['missing', undefined],
  ])('refuses %s', (_label, key) => {
    expect(idempotencyKeyProblem(key)).toMatch(/printable ASCII/);
  });

  it('refuses a header sent twice', () => {
    expect(idempotencyKeyProblem(['a', 'b'])).toMatch(/once/);
  });
});

describe('requestFingerprint', () => {
  it('is the same for equal bodies whatever their key order or number spelling', () => {
    expect(requestFingerprint('post', '/api/v1/sessions', { a: 1, b: [1.0, 'x'] })).toBe(
      requestFingerprint('POST', '/api/v1/sessions', { b: [1, 'x'], a: 1 }),
    );
  });

  it('tells apart bodies, paths and methods', () => {
    const base = requestFingerprint('POST', '/api/v1/robots/1/evaluations', { stage: 'admission' });
    expect(requestFingerprint('POST', '/api/v1/robots/1/evaluations', { stage: 'graduation' })).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/robots/2/evaluations', { stage: 'admission' })).not.toBe(base);
    expect(requestFingerprint('PUT', '/api/v1/robots/1/evaluations', { stage: 'admission' })).not.toBe(base);
  });

  it('treats a missing body as null', () => {
    expect(requestFingerprint('POST', '/x', undefined)).toBe(requestFingerprint('POST', '/x', null));
  });
});
