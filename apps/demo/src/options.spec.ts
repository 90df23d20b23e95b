import { parseOptions, UsageError } from './options';

describe('demo options', () => {
  it('starts its own field on PORT (or 3000) and stays running by default', () => {
    expect(parseOptions([], {})).toEqual({
      url: null,
      exit: false,
      quick: false,
      port: 3000,
      seed: 'mianyang-first-cohort',
      admin: { email: 'admin@mianyang-field.cn', password: 'mianyang-admin-2026', fromEnvironment: false },
    });
    expect(parseOptions([], { PORT: '4100' })).toMatchObject({ port: 4100 });
  });

  it('signs in as the administrator FIELD_ADMIN_EMAIL / FIELD_ADMIN_PASSWORD name, as the field creates it', () => {
    expect(
      parseOptions([], { FIELD_ADMIN_EMAIL: 'chief@field.cn', FIELD_ADMIN_PASSWORD: 'chief-password' }),
    ).toMatchObject({ admin: { email: 'chief@field.cn', password: 'chief-password', fromEnvironment: true } });
    // Empty counts as unset, as the field's own configuration reads it.
    expect(parseOptions([], { FIELD_ADMIN_EMAIL: '', FIELD_ADMIN_PASSWORD: '' })).toMatchObject({
      admin: { email: 'admin@mianyang-field.cn', fromEnvironment: false },
    });
  });

  it('takes a running field, a shorter term and an exit', () => {
    expect(parseOptions(['--url', 'http://field.local:3000/', '--quick', '--exit', '--seed', 's'], {})).toEqual({
      url: 'http://field.local:3000',
      exit: true,
      quick: true,
      port: 3000,
      seed: 's',
      admin: expect.objectContaining({ email: 'admin@mianyang-field.cn' }),
    });
    expect(parseOptions(['--help'], {})).toBe('help');
  });

  it.each([
    [['--url', 'field.local'], /--url must be an http/],
    [['--port', '0'], /--port/],
    [['--port', 'abc'], /--port/],
    [['--fast'], /--fast/],
    [['extra'], /extra/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseOptions(argv, {})).toThrow(UsageError);
    expect(() => parseOptions(argv, {})).toThrow(message);
  });
});
