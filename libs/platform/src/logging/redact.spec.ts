import { redactUrl, withoutQueryValues } from './redact';

describe('redactUrl', () => {
  it('keeps the path and the parameter names, and blanks every value', () => {
    expect(redactUrl('/api/v1/bays/b/calendar.ics?to=2027&feed=eyJ.abc&from=2026')).toBe(
      '/api/v1/bays/b/calendar.ics?to=[redacted]&feed=[redacted]&from=[redacted]',
    );
    expect(redactUrl('/api/v1/robots?flag')).toBe('/api/v1/robots?flag');
    expect(redactUrl('/api/v1/robots')).toBe('/api/v1/robots');
    expect(redactUrl(undefined)).toBeUndefined();
  });
});

describe('withoutQueryValues', () => {
  it("blanks a failed query's parameters at any depth and keeps the rest", () => {
    const serialized = {
      type: 'QueryFailedError',
      message: 'boom',
      query: 'UPDATE users SET password_hash = $1 WHERE id = $2',
      parameters: ['$argon2id$v=19$m=65536,t=3,p=4$abc$def', 'id-1'],
      driverError: { code: 'P0001', parameters: ['x'] },
      cause: { cause: { params: ['secret'] } },
      url: '/a?feed=token',
    };
    const clean = withoutQueryValues(serialized);
    expect(JSON.stringify(clean)).not.toMatch(/argon2|secret|token|"x"/);
    expect(clean).toMatchObject({
      type: 'QueryFailedError',
      query: 'UPDATE users SET password_hash = $1 WHERE id = $2',
      parameters: '[redacted]',
      driverError: { code: 'P0001', parameters: '[redacted]' },
      url: '/a?feed=[redacted]',
    });
  });
});
