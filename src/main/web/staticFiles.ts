import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { contentTypeOf } from './contentTypes.js';

export type StaticResult =
  | { kind: 'file'; file: string; size: number }
  | { kind: 'refused'; status: 400 | 403; reason: string }
  | { kind: 'missing' };

async function fileSize(file: string): Promise<number | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

/**
 * Maps a request path to a file under `root`. Any `..` segment (raw or percent-encoded),
 * backslash or NUL is refused outright, and the resolved path must still sit inside `root`.
 * Paths without an extension fall back to index.html (the renderer routes on the client).
 */
export async function resolveStatic(root: string, rawPath: string): Promise<StaticResult> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'refused', status: 400, reason: 'the path is not valid percent-encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').includes('..')) {
    return { kind: 'refused', status: 403, reason: 'the path leaves the app folder' };
  }
  const base = path.resolve(root);
  const file = path.resolve(base, `.${decoded}`);
  if (file !== base && !file.startsWith(base + path.sep)) {
    return { kind: 'refused', status: 403, reason: 'the path leaves the app folder' };
  }
  const wanted = decoded.endsWith('/') ? path.join(file, 'index.html') : file;
  const size = await fileSize(wanted);
  if (size !== null) return { kind: 'file', file: wanted, size };
  if (path.extname(decoded) === '') {
    const index = path.join(base, 'index.html');
    const indexSize = await fileSize(index);
    if (indexSize !== null) return { kind: 'file', file: index, size: indexSize };
  }
  return { kind: 'missing' };
}

/** Streams a resolved file; hashed build assets may be cached for good, the HTML never. */
export function sendFile(request: IncomingMessage, response: ServerResponse, file: string, size: number): void {
  const immutable = /[\\/]assets[\\/]/.test(file);
  response.writeHead(200, {
    'content-type': contentTypeOf(file),
    'content-length': size,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}
