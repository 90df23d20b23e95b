import fc from 'fast-check';
import request from 'supertest';
import { AccessTokens } from '@app/identity';
import { ADMIN_EMAIL, startTestApp, TestApp } from './support/test-app';

/**
 * Walks every operation of the field's own OpenAPI document with generated bad input (wrong types,
 * missing and extra fields, huge and NUL strings, lone surrogates, deep JSON, bad path ids and query
 * values, wrong content types) under several roles. Whatever comes in, the field answers a 4xx
 * problem document or a success, never a 5xx nor a stack trace, and stays healthy.
 *
 * Bounded for `npm test`: a fixed seed and 25 runs per operation and role (about 8000 requests,
 * under a minute on two cores); `endOnFailure` skips shrinking, the counterexample names the request.
 */
const SEED = 20261207;
const RUNS_PER_ROLE = 25;

type JsonSchema = {
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};
type Parameter = { name: string; in: 'path' | 'query' | 'header'; schema?: JsonSchema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
};
type OpenApi = { paths: Record<string, Record<string, Operation>> };

type Role = 'anonymous' | 'admin' | 'operator' | 'vendor' | 'device';
const ROLES: Role[] = ['anonymous', 'admin', 'operator', 'vendor', 'device'];

/** What a generated request carries besides its role. */
interface Attack {
  pathValues: Record<string, string>;
  query: [string, string][];
  body: { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; text: string };
  contentType: string | null;
}

const NUL = '\u0000';
const HOSTILE_TEXT = [
  `a${NUL}b`,
  NUL,
  '\uD800',
  'x\uDFFFy',
  '😀\uD83D',
  "'; DROP TABLE robots; --",
  '../../etc/passwd',
  '%00',
  '机器人',
  '',
  ' ',
  '1e309',
  '-1',
  '99999999999999999999999',
  'null',
  '2026-02-15T20:20:54+21:05',
  '0000-01-01T00:00:00Z',
  '10000-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
];
const BAD_IDS = [
  'not-a-uuid',
  `${NUL}`,
  '\uD800',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '01a224b4-f49a-7b96-8699-44c95c136d7a',
  'x'.repeat(3000),
  '1',
  '-1',
  '99999999999999999999',
  '..',
  '机器人',
  'MY-2026-000001',
  'RAW:%E0%A4%A',
  'RAW:%FF',
  'RAW:%',
  'RAW:a%2Fb',
];
/** Percent-encodes like encodeURIComponent, but sends a lone surrogate as its (invalid) WTF-8 bytes; `RAW:` values go as they are. */
function encode(value: string): string {
  if (value.startsWith('RAW:')) return value.slice(4);
  let out = '';
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (char.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}

const hugeString = fc.constantFrom('x'.repeat(70_000), '长'.repeat(40_000), `${'a'.repeat(50_000)}${NUL}`);
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_TEXT), fc.string({ unit: 'binary', maxLength: 40 }));

/** A plausible value of a schema, sometimes one of the fixtures' ids. */
function plausible(schema: JsonSchema | undefined, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.jsonValue({ maxDepth: 2 });
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return fc.oneof(...variants.map((variant) => plausible(variant, ids, depth + 1)));
  switch (schema.type) {
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      if (properties.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }));
      return fc.record(
        Object.fromEntries(properties.map(([name, property]) => [name, plausible(property, ids, depth + 1)])),
        { requiredKeys: schema.required ?? [] },
      );
    }
    case 'array':
      return fc.array(plausible(schema.items, ids, depth + 1), { maxLength: 3 });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'string':
      if (schema.format === 'uuid') return fc.oneof(fc.constantFrom(...ids), fc.uuid());
      if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
      if (schema.format === 'date') return fc.constant('2026-03-01');
      if (schema.format === 'email') return fc.emailAddress();
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 20, 20) });
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A JSON value with something wrong at one place, or wrong as a whole. */
function badJson(schema: JsonSchema | undefined, ids: string[]): fc.Arbitrary<Attack['body']> {
  const valid = plausible(schema, ids);
  const fields = Object.keys(schema?.properties ?? {});
  const field = fields.length ? fc.constantFrom(...fields) : fc.constant('name');
  const replaceField = (value: fc.Arbitrary<unknown>) =>
    fc.tuple(valid, field, value).map(([base, name, bad]) => ({
      kind: 'json' as const,
      value: { ...(typeof base === 'object' && base !== null ? base : {}), [name]: bad },
    }));
  return fc.oneof(
    valid.map((value) => ({ kind: 'json' as const, value })),
    // Missing fields.
    fc.tuple(valid, fc.subarray(fields)).map(([base, drop]) => ({
      kind: 'json' as const,
      value: Object.fromEntries(
        Object.entries(typeof base === 'object' && base !== null ? base : {}).filter(([key]) => !drop.includes(key)),
      ),
    })),
    // An extra field, perhaps with a hostile name.
    fc
      .tuple(valid, fc.oneof(fc.constantFrom('extra', '__proto__', `k${NUL}`, 'constructor'), fc.string()))
      .map(([base, name]) => ({
        kind: 'json' as const,
        value: { ...(typeof base === 'object' && base !== null ? base : {}), [name]: 1 },
      })),
    // Wrong types, hostile strings, huge strings, out-of-range numbers.
    replaceField(fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, true, [], {}, 0, -1))),
    replaceField(hostileString),
    replaceField(hugeString),
    replaceField(fc.constantFrom(1e308, -1e308, 2 ** 63, Number.MAX_SAFE_INTEGER + 2, 0.1, -0)),
    replaceField(fc.array(hostileString, { minLength: 1, maxLength: 3 })),
    // Not an object at all.
    fc.jsonValue({ maxDepth: 3 }).map((value) => ({ kind: 'json' as const, value })),
    // Deep nesting, broken JSON, NUL and lone surrogates as JSON escapes, a body over the limit.
    fc.integer({ min: 40, max: 20_000 }).map((depth) => ({
      kind: 'raw' as const,
      text: `{"name":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    })),
    fc.constantFrom(
      { kind: 'raw' as const, text: '{"name": "unterminated' },
      { kind: 'raw' as const, text: '{"name":"\\u0000","code":"\\ud800","email":"a\\u0000@b.cn"}' },
      { kind: 'raw' as const, text: '{"a":1,"a":2}' },
      { kind: 'raw' as const, text: '' },
      { kind: 'raw' as const, text: 'null' },
      { kind: 'raw' as const, text: `{"name":"${'x'.repeat(400_000)}"}` },
    ),
  );
}

function attackOf(operation: Operation, ids: string[]): fc.Arbitrary<Attack> {
  const parameters = operation.parameters ?? [];
  const pathNames = parameters.filter((p) => p.in === 'path').map((p) => p.name);
  const queryParameters = parameters.filter((p) => p.in === 'query');
  const pathValue = fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...ids) },
    { weight: 3, arbitrary: fc.constantFrom(...BAD_IDS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }) },
  );
  const queryValue = (parameter: Parameter) =>
    fc.oneof(
      plausible(parameter.schema, ids).map((value) => String(value)),
      hostileString,
      hugeString,
    );
  const query = fc.array(
    fc.oneof(
      ...(queryParameters.length
        ? [
            fc
              .constantFrom(...queryParameters)
              .chain((parameter) => queryValue(parameter).map((value) => [parameter.name, value] as [string, string])),
          ]
        : []),
      fc.tuple(fc.constantFrom('extra', 'limit', 'cursor', `x${NUL}`), hostileString),
    ),
    { maxLength: 4 },
  );
  const bodySchema = operation.requestBody?.content['application/json']?.schema;
  const body: fc.Arbitrary<Attack['body']> = operation.requestBody
    ? badJson(bodySchema, ids)
    : fc.oneof(fc.constant({ kind: 'none' as const }), badJson(undefined, ids));
  return fc.record({
    pathValues: fc
      .tuple(...pathNames.map(() => pathValue))
      .map((values) => Object.fromEntries(pathNames.map((name, i) => [name, values[i]]))),
    query,
    body,
    contentType: fc.oneof(
      { weight: 6, arbitrary: fc.constant('application/json') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          null,
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json; charset=latin1',
          'application/merge-patch+json',
          'application/xml',
        ),
      },
    ),
  });
}

const STACK_TRACE = /\n\s+at \S.*\(|node_modules|QueryFailedError|\.ts:\d+:\d+/;

describe('OpenAPI fuzz: bad input never 5xx', () => {
  let field: TestApp;
  let document: OpenApi;
  const tokens: Partial<Record<Role, string>> = {};
  /** The people behind the role tokens, so a logout can be given a token of its own. */
  const people: Partial<Record<Role, string>> = {};
  let ids: string[] = [];

  beforeAll(async () => {
    // Each request comes from its own address, so the sign-in throttle and the verification limit
    // do not answer 429 to everything after the first minute of the run.
    field = await startTestApp({ FIELD_TRUST_PROXY: 'true', FIELD_SUMMARY_DELAY_MS: '0' });
    document = (await field.anonymous.get('/docs-json').expect(200)).body as OpenApi;
    tokens.admin = field.admin.token!;
    [{ id: people.admin }] = await field.sql<{ id: string }>('SELECT id FROM users WHERE email = $1', [ADMIN_EMAIL]);
    const operator = await field.signIn('operator');
    [tokens.operator, people.operator] = [operator.token!, operator.userId];
    const vendor = await field.factory.vendor();
    const vendorUser = await field.signIn('vendor', { vendorId: vendor.id });
    [tokens.vendor, people.vendor] = [vendorUser.token!, vendorUser.userId];
    const robot = await field.factory.enrolledRobot({ vendorId: vendor.id });
    tokens.device = (await field.admin.post(`/robots/${robot.id}/device-token`).expect(201)).body.token as string;
    const bay = await field.factory.bay({ domain: robot.domains[0] });
    const victim = await field.factory.user({
      email: 'fuzz-victim@field.test',
      password: 'victim-password',
      role: 'engineer',
    });
    const start = Date.now() + 86_400_000;
    const { body: session } = await field.admin
      .post('/sessions', {
        bayId: bay.id,
        robotIds: [robot.id],
        kind: 'training',
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 3_600_000).toISOString(),
      })
      .expect(201);
    ids = [robot.id, bay.id, bay.siteId, vendor.id, victim.id, session.id];
  });

  afterAll(() => field?.close());

  it('answers every operation of /docs-json with a 4xx problem document or a success, never a 5xx', async () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    expect(operations.length).toBeGreaterThan(50);
    let requests = 0;
    const statuses = new Map<number, number>();
    let addresses = 0;
    // A logout ends the token it is called with: each gets one of its own, or it would sign the
    // role out for every operation after it.
    const accessTokens = field.app.get(AccessTokens);
    const tokenFor = async (role: Role, path: string, method: string): Promise<string | undefined> => {
      const person = people[role];
      if (!(method === 'post' && path.endsWith('/auth/logout') && person)) return tokens[role];
      const [subject] = await field.sql<{ id: string; role: 'admin'; vendorId: string | null; tokenVersion: number }>(
        'SELECT id, role, vendor_id AS "vendorId", token_version AS "tokenVersion" FROM users WHERE id = $1',
        [person],
      );
      return (await accessTokens.issue(subject)).token;
    };
    for (const { path, method, operation } of operations) {
      for (const role of ROLES) {
        await fc.assert(
          fc.asyncProperty(attackOf(operation, ids), async (attack) => {
            requests++;
            const url =
              path.replace(/\{(\w+)\}/g, (_, name: string) => encode(attack.pathValues[name] ?? 'x')) +
              (attack.query.length ? `?${attack.query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}` : '');
            const agent = request(field.app.getHttpServer()) as unknown as Record<
              string,
              (url: string) => request.Test
            >;
            let test = agent[method](url)
              .set('X-Forwarded-For', `10.${(++addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`)
              .timeout(20_000);
            const token = role === 'anonymous' ? undefined : await tokenFor(role, path, method);
            if (token) test = test.set('Authorization', `Bearer ${token}`);
            if (attack.body.kind !== 'none') {
              if (attack.contentType) test = test.set('Content-Type', attack.contentType);
              test = test.send(attack.body.kind === 'raw' ? attack.body.text : JSON.stringify(attack.body.value));
            }
            const response = await test;
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            const where = `${method.toUpperCase()} ${url.slice(0, 200)} as ${role}`;
            const contentType = String(response.headers['content-type'] ?? '');
            // Binary answers (a PDF, a recording) have no text; they cannot carry a trace either.
            const text = typeof response.text === 'string' ? response.text : '';
            expect({ where, status: response.status, body: text.slice(0, 2000) }).toEqual({
              where,
              status: expect.any(Number),
              body: expect.not.stringMatching(STACK_TRACE),
            });
            expect({ where, status: response.status < 500 ? 'below 500' : response.status }).toEqual({
              where,
              status: 'below 500',
            });
            if (response.status >= 400) {
              expect({ where, contentType }).toEqual({
                where,
                contentType: expect.stringMatching(/^application\/problem\+json/),
              });
              expect(response.body).toMatchObject({
                status: response.status,
                title: expect.any(String),
                detail: expect.any(String),
              });
            }
          }),
          { seed: SEED, numRuns: RUNS_PER_ROLE, endOnFailure: true },
        );
      }
    }
    expect(requests).toBeGreaterThan(operations.length * ROLES.length * RUNS_PER_ROLE - 1);
    // The generated input also reaches past validation: some requests succeed.
    const succeeded = [...statuses].filter(([status]) => status < 300).reduce((sum, [, count]) => sum + count, 0);
    expect(succeeded).toBeGreaterThan(0);
    await field.anonymous.get('/health').expect(200);
    // The role tokens spoke for their people to the end: no operation signed them out.
    for (const role of ['admin', 'operator', 'vendor'] as const) {
      await request(field.app.getHttpServer())
        .get('/api/v1/users/me')
        .set('Authorization', `Bearer ${tokens[role]}`)
        .expect(200);
    }
  }, 170_000);
});
