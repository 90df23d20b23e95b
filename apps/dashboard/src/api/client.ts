import type { FieldError, Problem } from '@app/contract';

/** A failed call, carrying the field's problem document (or one made up for a network failure). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  /** Validation errors by field path (`specs.payloadKg`, `robotIds[0]`). */
  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }

  /** The request never got an answer (server down, network gone). */
  get isNetworkFailure(): boolean {
    return this.problem.status === 0;
  }
}

export type QueryValue = string | number | boolean | null | undefined;

export interface ApiClientOptions {
  /** The signed-in person's access token, if any. */
  token: () => string | null;
  /** Called when the field refuses the token (expired, or the user was deactivated). */
  onUnauthorized: () => void;
  baseUrl?: string;
}

/** The public API over fetch: Bearer token, JSON bodies, problem+json errors as ApiError. */
export class ApiClient {
  private readonly baseUrl: string;

  constructor(private readonly options: ApiClientOptions) {
    this.baseUrl = options.baseUrl ?? '/api/v1';
  }

  get<T>(path: string, query?: Record<string, QueryValue>): Promise<T> {
    return this.request<T>('GET', path + queryString(query));
  }

  /** `headers` carries extras such as an `Idempotency-Key`, so a repeated tap does not act twice. */
  post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    return this.request<T>('POST', path, body, headers);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete(path: string): Promise<void> {
    return this.request<void>('DELETE', path);
  }

  /** A file the field serves behind the sign-in (calendars, recordings): a plain link could not carry the token. */
  async download(path: string, query?: Record<string, QueryValue>): Promise<Blob> {
    const response = await this.send('GET', path + queryString(query), undefined, '*/*');
    try {
      return await response.blob();
    } catch (error) {
      throw networkFailure(error);
    }
  }

  private async request<T>(method: string, path: string, body?: unknown, extra?: Record<string, string>): Promise<T> {
    const response = await this.send(method, path, body, 'application/json', extra);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  private async send(
    method: string,
    path: string,
    body: unknown,
    accept: string,
    extra?: Record<string, string>,
  ): Promise<Response> {
    const token = this.options.token();
    const headers: Record<string, string> = { ...extra, Accept: accept };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';

    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw networkFailure(error);
    }
    if (response.status === 401 && token) this.options.onUnauthorized();
    if (!response.ok) throw new ApiError(await problemOf(response));
    return response;
  }
}

function networkFailure(error: unknown): ApiError {
  return new ApiError({
    type: 'about:blank',
    title: 'Network error',
    status: 0,
    detail: error instanceof Error ? error.message : String(error),
  });
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The answer's problem document, or one describing the answer when a proxy sent something else. */
async function problemOf(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    detail: `the field answered ${response.status} ${response.statusText}`.trim(),
  };
  if (!/json/.test(response.headers.get('Content-Type') ?? '')) return fallback;
  try {
    const body = (await response.json()) as Partial<Problem>;
    return typeof body.detail === 'string' ? { ...fallback, ...body, status: response.status } : fallback;
  } catch {
    return fallback;
  }
}
