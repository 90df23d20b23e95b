/** A JSON client of the field's public API, with problem details turned into readable errors. */
export class FieldClient {
  constructor(
    readonly url: string,
    private token: string | null = null,
  ) {}

  static async signIn(url: string, email: string, password: string): Promise<FieldClient> {
    const client = new FieldClient(url);
    const { accessToken } = await client.request<{ accessToken: string }>('POST', '/auth/login', { email, password });
    client.token = accessToken;
    return client;
  }

  get accessToken(): string {
    if (!this.token) throw new Error('not signed in');
    return this.token;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.send(method, path, body);
    if (!answer.ok) throw new ApiError(method, path, answer.status, answer.body);
    return answer.body as T;
  }

  /** For the answers the caller handles itself (409 on a second run, 422 on purpose). */
  async send(method: string, path: string, body?: unknown): Promise<{ ok: boolean; status: number; body: unknown }> {
    const response = await fetch(`${this.url}/api/v1${path}`, {
      method,
      headers: {
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { ok: response.ok, status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body ?? {});
  }

  /** Every item of a paged list. */
  async all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const page: { items: T[]; nextCursor: string | null } = await this.get(
        `${path}${separator}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }
}

export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    const detail = (body as { detail?: string } | null)?.detail ?? JSON.stringify(body);
    super(`${method} ${path} answered ${status}: ${detail}`);
    this.name = 'ApiError';
  }
}
