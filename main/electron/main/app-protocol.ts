/**
 * The app:// protocol that serves the renderer's bundle (dist/renderer) to the window, instead
 * of file:// which would give the page the whole disk as its origin. Registered privileged as
 * standard (relative URLs and a real origin for CSP 'self') and secure (a secure context).
 * Pure: the Electron side only hands requests to `serveRenderer`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { contentSecurityPolicy } from './csp.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'nilut';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** For protocol.registerSchemesAsPrivileged; corsEnabled lets the page load its ES module. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } as const;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
};

export function contentType(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Whether a URL is a page of ours (navigation inside the app is allowed, nothing else). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The file under `root` an app:// URL names, or null for another origin, a malformed
 * escape, or any path that would leave `root` (../, %2e%2e, encoded separators, NUL).
 */
export function resolveRendererPath(root: string, url: string, paths: path.PlatformPath = path): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  // On Windows a decoded backslash is a separator too, so the check runs on the resolved path.
  const base = paths.resolve(root);
  const file = paths.resolve(base, `.${pathname}`);
  const relative = paths.relative(base, file);
  if (relative === '' || relative === '..' || relative.startsWith(`..${paths.sep}`) || paths.isAbsolute(relative)) return null;
  return file;
}

/** Answers one app:// request from `root`, with the CSP on every response. */
export async function serveRenderer(request: Request, root: string): Promise<Response> {
  const headers = { 'Content-Security-Policy': contentSecurityPolicy(), 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers });
  const file = resolveRendererPath(root, request.url);
  if (file === null) return new Response(null, { status: 403, headers });
  try {
    const body = await readFile(file);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: { ...headers, 'Content-Type': contentType(file) } });
  } catch {
    return new Response(null, { status: 404, headers });
  }
}
