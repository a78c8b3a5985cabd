/**
 * Who may talk to the bridge: only pages it served itself, on this machine. A random token
 * per run (in the page URL, its asset URLs and the socket URL) keeps out other local users
 * and other sites' pages; the Host check stops DNS-rebinding attacks; the Origin check stops
 * other origins' scripts from opening the socket. The app icon alone needs no token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokenMatches(given: string | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/**
 * What anyone on this machine may fetch without the token: the app icon, which reveals
 * nothing. The page names it (`<link rel="icon" href="icon.png">`, untouched by the token
 * rewrite) and a browser asks for /favicon.ico on its own; neither request carries the token.
 */
export const TOKEN_FREE_PATHS: ReadonlySet<string> = new Set(['/icon.png', '/favicon.ico']);

/**
 * The request's URL, or undefined when its target is not one (`//`, `http://[`, a bare `?`):
 * refused with a 400 by the caller, never thrown out of a handler.
 */
export function requestUrl(request: IncomingMessage): URL | undefined {
  const target = request.url ?? '/';
  // Only origin-form targets ("/path?query") are requests for this server.
  if (!target.startsWith('/') || target.startsWith('//')) return undefined;
  try {
    return new URL(target, 'http://127.0.0.1');
  } catch {
    return undefined;
  }
}

/** Why a request is refused (403), or undefined when it may go on. */
export function refusal(request: IncomingMessage, url: URL, token: string, port: number): string | undefined {
  if (!allowedHosts(port).has(request.headers.host ?? '')) return 'unknown host';
  const origin = request.headers.origin;
  if (origin !== undefined && !allowedHosts(port).has(origin.replace(/^http:\/\//, ''))) return 'foreign origin';
  if (origin !== undefined && !origin.startsWith('http://')) return 'foreign origin';
  if (TOKEN_FREE_PATHS.has(url.pathname) && request.method === 'GET') return undefined;
  if (!tokenMatches(url.searchParams.get('token'), token)) return 'missing or wrong token';
  return undefined;
}

/** The page's policy: our own scripts and styles only, our socket, images from blobs. */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    `connect-src ws://127.0.0.1:${port} ws://localhost:${port}`,
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
