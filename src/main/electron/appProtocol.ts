import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme, Protocol } from 'electron';

/**
 * The renderer is served from its own origin, app://okno, instead of file://: the page gets a real
 * origin (no file:// privileges, nothing else on disk reachable), and every response carries the one
 * CSP as a header. docs/decisions/0028-electron-shell.md.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'okno';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registered before the app is ready: standard (a real origin and relative URLs) and secure (a
 * secure context, as the softphone's getUserMedia needs), fetch and streaming for the page's own files.
 * No CSP bypass, no CORS exemption.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
};

export type AppPath =
  { kind: 'file'; file: string; fallback: boolean } | { kind: 'refused'; status: 400 | 403 | 404; reason: string };

/**
 * Maps an app:// URL to a file under `root` (dist/renderer). Only app://okno; any `..` segment
 * (raw or percent-encoded), backslash or NUL is refused, and the result must stay inside `root`.
 * A path without an extension gets index.html (the renderer routes on the client).
 */
export function resolveAppPath(root: string, url: string): AppPath {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'refused', status: 400, reason: 'not a URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return { kind: 'refused', status: 404, reason: `only ${APP_ORIGIN} is served` };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return { kind: 'refused', status: 400, reason: 'the path is not valid percent-encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) {
    return { kind: 'refused', status: 403, reason: 'the path leaves the app folder' };
  }
  const base = path.resolve(root);
  const wanted = decoded === '/' || decoded === '' ? '/index.html' : decoded;
  const file = path.resolve(base, `.${wanted}`);
  if (!file.startsWith(base + path.sep)) {
    return { kind: 'refused', status: 403, reason: 'the path leaves the app folder' };
  }
  if (path.extname(wanted) === '') return { kind: 'file', file: path.join(base, 'index.html'), fallback: true };
  return { kind: 'file', file, fallback: false };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
};

const text = (status: number, body: string, headers: Record<string, string>) =>
  new Response(body, { status, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });

/**
 * The app:// handler: only GET and HEAD, files of `root` only, every response with the CSP of this
 * moment (the saved PBX may change; saving one reloads the page) and nosniff.
 */
export function appRequestHandler(options: {
  root: string;
  csp: () => string;
}): (request: Request) => Promise<Response> {
  return async (request) => {
    const headers = {
      'content-security-policy': options.csp(),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'method not allowed', headers);
    const found = resolveAppPath(options.root, request.url);
    if (found.kind === 'refused') return text(found.status, found.reason, headers);
    try {
      const info = await stat(found.file);
      if (!info.isFile()) return text(404, 'not found', headers);
      const body = request.method === 'HEAD' ? null : new Uint8Array(await readFile(found.file));
      const type = TYPES[path.extname(found.file).toLowerCase()] ?? 'application/octet-stream';
      return new Response(body, { status: 200, headers: { ...headers, 'content-type': type } });
    } catch {
      return text(404, 'not found', headers);
    }
  };
}

/** Serves dist/renderer as app://okno (after the app is ready); returns the undo. */
export function registerAppProtocol(
  protocol: Pick<Protocol, 'handle' | 'unhandle'>,
  options: { root: string; csp: () => string },
): () => void {
  protocol.handle(APP_SCHEME, appRequestHandler(options));
  return () => protocol.unhandle(APP_SCHEME);
}
