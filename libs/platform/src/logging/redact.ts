/** What stands in a log for a value it must not keep. */
export const REDACTED = '[redacted]';

/**
 * A URL as a log may keep it: the path, and each query parameter's name with its value blanked.
 * Credentials ride in query strings (a calendar link's `?feed=`), and a log cannot know which
 * parameter of which route is one, so none keeps its value.
 */
export function redactUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const mark = url.indexOf('?');
  if (mark < 0) return url;
  const query = url
    .slice(mark + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      return equals < 0 ? pair : `${pair.slice(0, equals)}=${REDACTED}`;
    })
    .join('&');
  return `${url.slice(0, mark)}?${query}`;
}

/** Members of an error that carry the values of a failed query: an argon2 hash, a token's digest, a person's email. */
const VALUE_CARRIERS = new Set(['parameters', 'params', 'values']);

/**
 * An error (as pino's serializer made it) without the values of the query that failed: TypeORM's
 * QueryFailedError keeps them in `parameters`, at any depth (`driverError`, `cause`). The SQL text
 * itself holds placeholders ($1), not values, so it stays.
 */
export function withoutQueryValues<T>(serialized: T, depth = 0): T {
  if (serialized === null || typeof serialized !== 'object' || depth > 5) return serialized;
  if (Array.isArray(serialized)) return serialized.map((item) => withoutQueryValues(item, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(serialized)) {
    if (VALUE_CARRIERS.has(key)) out[key] = REDACTED;
    else if (key === 'url' || key === 'originalUrl') out[key] = typeof value === 'string' ? redactUrl(value) : value;
    else out[key] = withoutQueryValues(value, depth + 1);
  }
  return out as T;
}
