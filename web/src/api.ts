/**
 * The dashboard's only way to the server: a fetch wrapper over the public /api/v1.
 *
 * The session lives in an httpOnly cookie the browser sends by itself; this module adds what the
 * cookie cannot carry: the workspace being looked at (X-Workspace-Id) and, on every request that
 * changes something, the session's CSRF token (X-CSRF-Token). Errors come back as ApiError with
 * the server's code, message and the offending field, so forms can show the message and mark the
 * input.
 */

export interface ApiErrorBody {
  error?: { code?: string; message?: string; field?: string };
}

/** A failed request: the HTTP status and the server's `{error: {code, message, field}}`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** True when this error is about the form field `name` (or something inside it, e.g. forwardTo.1). */
  concerns(name: string): boolean {
    if (!this.field) return false;
    return this.field === name || this.field.startsWith(`${name}.`) || this.field.startsWith(`${name}[`);
  }
}

/** What the caller of the wrapper can tune per request. */
export interface RequestOptions {
  body?: unknown;
  /** Abort a request whose answer nobody will read (a page left, a newer search typed). */
  signal?: AbortSignal;
  /** Send without X-Workspace-Id (auth and setup routes). */
  noWorkspace?: boolean;
}

interface ClientState {
  workspaceId: string | null;
  csrfToken: string | null;
  /** Called when a request that needed a session got 401: the session ended or expired. */
  onUnauthorized: (() => void) | null;
}

const state: ClientState = { workspaceId: null, csrfToken: null, onUnauthorized: null };

export function setWorkspace(id: string | null): void {
  state.workspaceId = id;
}

export function currentWorkspaceId(): string | null {
  return state.workspaceId;
}

export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

export function onUnauthorized(handler: (() => void) | null): void {
  state.onUnauthorized = handler;
}

const AUTH_PATHS = /^\/api\/v1\/(auth\/|setup|invites\/accept)/;

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (!opts.noWorkspace && state.workspaceId) headers['x-workspace-id'] = state.workspaceId;
  if (method !== 'GET' && state.csrfToken) headers['x-csrf-token'] = state.csrfToken;

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Could not reach the Textback server. Check your connection and try again.');
  }

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!res.ok) {
    const e = (body as ApiErrorBody | null)?.error;
    const error = new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? defaultMessage(res.status), e?.field);
    if (res.status === 401 && !AUTH_PATHS.test(path)) state.onUnauthorized?.();
    throw error;
  }
  return body as T;
}

function defaultMessage(status: number): string {
  if (status === 401) return 'Please sign in again.';
  if (status === 403) return "You don't have permission to do that.";
  if (status === 404) return 'Not found.';
  if (status === 429) return 'Too many attempts. Wait a minute and try again.';
  if (status >= 500) return 'The server had a problem. Try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}

/** Builds a query string from the defined, non-empty values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body: body ?? {} }),
  put: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PATCH', path, { ...opts, body }),
  del: <T = void>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
};

/** A readable sentence for any error a request may throw. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return 'Something went wrong.';
}
