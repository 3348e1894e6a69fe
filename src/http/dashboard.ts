/**
 * Serves the dashboard (the React app built into dist/web by `npm run build:web`) at `/`.
 *
 * Files that exist under dist/web are sent as they are (hashed assets cached for a year, index.html
 * never cached); any other GET that asks for HTML gets index.html, so the app's own routes
 * (/inbox, /w/…/contacts/…, /setup?token=…) survive a reload. API, webhook and health paths are
 * never answered with HTML: an unknown one stays the API's JSON 404. When dist/web has not been
 * built, an HTML request gets a short page saying how to build it.
 *
 * Every response from here carries a strict Content-Security-Policy (same origin only), so the
 * dashboard cannot be framed, cannot load scripts from elsewhere, and leaks no URLs in Referer.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';

/**
 * Same origin for everything. Two narrow exceptions: `media-src https:` so a voicemail recording
 * kept by the carrier (e.g. https://api.twilio.com/…/Recordings/RE….mp3) plays in the calls list,
 * and `img-src data:` for inline SVG icons. No inline script or style is ever needed.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self' https:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths that belong to the server, never to the dashboard. */
const SERVER_PATHS = /^\/(api|webhooks)(\/|$)|^\/(healthz|readyz|metrics)(\/|$|\?)/;

/**
 * Where the built dashboard lives: dist/web at the repository root, whether this module runs from
 * src/http (tsx, tests) or from dist/src/http (the compiled server).
 */
export function dashboardRoot(): string {
  const candidates = [
    fileURLToPath(new URL('../../dist/web', import.meta.url)),
    fileURLToPath(new URL('../../web', import.meta.url)),
  ];
  return candidates.find((dir) => existsSync(resolve(dir, 'index.html'))) ?? candidates[0]!;
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Textback: dashboard not built</title></head>
<body><main>
<h1>The dashboard has not been built yet</h1>
<p>The server is running and its API answers at <code>/api/v1</code>, but the dashboard's files are missing.</p>
<p>Build them with <code>npm run build:web</code> (or simply start with <code>npm start</code>, which builds everything), then reload this page.</p>
</main></body></html>
`;

function setSecurityHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', DASHBOARD_CSP);
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'same-origin');
  reply.header('x-content-type-options', 'nosniff');
  reply.header('cross-origin-opener-policy', 'same-origin');
}

function acceptsHtml(req: FastifyRequest): boolean {
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html');
}

/** The file under `root` that the URL path names, or null (missing, a directory, or outside root). */
function fileFor(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = resolve(root, `.${decoded}`);
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    return statSync(full).isFile() ? full.slice(root.length + 1) : null;
  } catch {
    return null;
  }
}

/** The API's own 404 (errors.ts, through the error handler), never the dashboard's HTML. */
function noRoute(req: FastifyRequest): never {
  throw new AppError(404, 'not_found', `No route ${req.method} ${req.url.split('?')[0]}`);
}

export function registerDashboard(app: FastifyInstance, _ctx: AppContext, opts: { root?: string } = {}): void {
  const root = resolve(opts.root ?? dashboardRoot());

  app.register(async (scope) => {
    // Only reply.sendFile is used: this module decides what is served and what falls back to HTML.
    await scope.register(fastifyStatic, { root, serve: false, suppressWarning: true, etag: true, lastModified: true });

    scope.addHook('onRequest', async (_req, reply) => setSecurityHeaders(reply));

    const handler = async (req: FastifyRequest, reply: FastifyReply) => {
      const pathname = req.url.split('?')[0] ?? '/';
      if (SERVER_PATHS.test(pathname)) noRoute(req);

      const file = pathname === '/' ? null : fileFor(root, pathname);
      if (file) {
        // Vite names built assets by content hash: they never change under one name.
        const immutable = file.startsWith(`assets${sep}`);
        reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        return reply.sendFile(file, { cacheControl: false });
      }

      if (!acceptsHtml(req) && pathname !== '/') noRoute(req);
      reply.header('cache-control', 'no-cache');
      if (!existsSync(resolve(root, 'index.html'))) {
        return reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
      }
      return reply.type('text/html; charset=utf-8').sendFile('index.html', { cacheControl: false });
    };

    scope.get('/', handler);
    scope.get('/*', handler);
  });
}
