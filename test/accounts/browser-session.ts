/**
 * A minimal browser for the accounts tests: keeps the `tb_session` cookie it is given, sends the
 * CSRF token and X-Workspace-Id the way the dashboard does, and exposes the raw Set-Cookie lines
 * so tests can check the cookie's attributes.
 */
import type { TestApp } from '../support/test-app.js';

export interface BrowserResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
  /** Every Set-Cookie line of the response. */
  setCookies: string[];
}

export interface BrowserRequestOptions {
  body?: unknown;
  /** Send X-CSRF-Token (default: true when the browser holds one). */
  csrf?: boolean;
  /** Override the CSRF token sent. */
  csrfToken?: string;
  /** X-Workspace-Id to send (default: the browser's current workspace; null: none). */
  workspaceId?: string | null;
  /** An Authorization: Bearer token to send as well. */
  bearer?: string;
  headers?: Record<string, string>;
}

export class Browser {
  cookie: string | null = null;
  csrfToken: string | null = null;
  workspaceId: string | null = null;

  /** `forwardedFor` makes the server see another client IP (it trusts X-Forwarded-For). */
  constructor(
    private readonly baseUrl: string,
    private readonly forwardedFor?: string,
  ) {}

  async request<T = any>(method: string, path: string, opts: BrowserRequestOptions = {}): Promise<BrowserResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookie) headers.cookie = `tb_session=${this.cookie}`;
    const csrf = opts.csrfToken ?? (opts.csrf === false ? null : this.csrfToken);
    if (csrf) headers['x-csrf-token'] = csrf;
    const workspaceId = opts.workspaceId === undefined ? this.workspaceId : opts.workspaceId;
    if (workspaceId) headers['x-workspace-id'] = workspaceId;
    if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
    if (this.forwardedFor) headers['x-forwarded-for'] = this.forwardedFor;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) {
      const match = /^tb_session=([^;]*)/.exec(line);
      if (!match) continue;
      this.cookie = match[1] && !/max-age=0/i.test(line) ? match[1] : null;
    }
    const text = await res.text();
    const body = text ? JSON.parse(text) : null;
    if (body && typeof body === 'object' && typeof body.csrfToken === 'string') this.csrfToken = body.csrfToken;
    return { status: res.status, body, headers: res.headers, setCookies };
  }

  get<T = any>(path: string, opts?: BrowserRequestOptions) {
    return this.request<T>('GET', path, opts);
  }

  post<T = any>(path: string, body?: unknown, opts: BrowserRequestOptions = {}) {
    return this.request<T>('POST', path, { ...opts, body });
  }

  delete<T = any>(path: string, opts?: BrowserRequestOptions) {
    return this.request<T>('DELETE', path, opts);
  }

  /** Signs in; on success the browser holds the cookie and CSRF token and selects the first workspace. */
  async login(email: string, password: string): Promise<BrowserResponse> {
    const res = await this.post('/api/v1/auth/login', { email, password });
    if (res.status === 200) this.workspaceId = res.body.workspaces[0]?.id ?? null;
    return res;
  }
}

export const OWNER = { email: 'owner@example.com', password: 'correct horse battery', name: 'Olive Owner' };

/** Runs first-run setup as OWNER in a fresh browser; returns the signed-in browser and the workspace id. */
export async function setUpOwner(t: TestApp): Promise<{ browser: Browser; workspaceId: string }> {
  const browser = new Browser(t.url);
  const res = await browser.post('/api/v1/setup', {
    setupToken: t.adminToken,
    ...OWNER,
    workspace: { name: 'acme', businessName: 'Acme Plumbing', timezone: 'America/Chicago' },
  });
  if (res.status !== 201) throw new Error(`setup: ${res.status} ${JSON.stringify(res.body)}`);
  browser.workspaceId = res.body.workspaces[0].id;
  return { browser, workspaceId: browser.workspaceId as string };
}

/** The named attribute of a Set-Cookie line (case-insensitive), `true` for a bare flag, or undefined. */
export function cookieAttribute(line: string, name: string): string | true | undefined {
  for (const part of line.split(';').slice(1)) {
    const [k, ...v] = part.trim().split('=');
    if (k?.toLowerCase() === name.toLowerCase()) return v.length ? v.join('=') : true;
  }
  return undefined;
}
