import type { CachedAttachment, RequestOutput } from '../../../shared/contract.js';
import { OknoError } from '../../../shared/errors.js';
import { CHANNEL_PATHS } from '../../../shared/hubApi/channelsApi.js';
import { fillPath } from '../../../shared/hubApi/endpoint.js';
import type { AttachmentFiles } from '../files/attachmentFiles.js';
import { hubEndpoint } from '../sync/hubUrl.js';
import type { LocalStore } from '../store/localStore.js';
import { MIB, readCacheSettings } from './cacheSettings.js';

export interface AttachmentCacheDeps {
  store: LocalStore;
  files: AttachmentFiles;
  link(): { hubUrl: string; token: string } | null;
  now: () => number;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface AttachmentCache {
  get(messageId: string, attachmentId: string): Promise<RequestOutput<'attachment.get'>>;
}

export function formatMib(bytes: number): string {
  return `${(bytes / MIB).toFixed(bytes < 10 * MIB ? 1 : 0)} MiB`;
}

/** The file name from `Content-Disposition: attachment; filename*=UTF-8''…` (the hub's form). */
function fileName(disposition: string | null, fallback: string): string {
  const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (!match) return fallback;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return fallback;
  }
}

/**
 * Attachments the agent opened: served from the cache when present, otherwise fetched from the
 * hub (`GET` CHANNEL_PATHS.attachment), stored as a content-addressed file and described by one row.
 * The size cap is checked on the announced length and again while reading, so an oversized file
 * is never written; the error names the file and the cap, and nothing already cached is touched.
 */
export function createAttachmentCache(deps: AttachmentCacheDeps): AttachmentCache {
  const { store, files } = deps;
  const fetchImpl = deps.fetch ?? fetch;

  function tooLarge(name: string, size: number, capBytes: number): OknoError {
    const params = { name, size: formatMib(size), cap: formatMib(capBytes) };
    return new OknoError(
      'attachment_too_large',
      `attachment "${name}" (${params.size}) is larger than the local cache limit of ${params.cap}`,
      undefined,
      params,
    );
  }

  async function download(messageId: string, attachmentId: string): Promise<CachedAttachment & { data: Buffer }> {
    const link = deps.link();
    if (!link) throw new OknoError('not_signed_in', 'sign in to open attachments that are not in the local cache');
    const capBytes = readCacheSettings(store.meta).attachmentMaxMb * MIB;
    const abort = AbortSignal.timeout(deps.timeoutMs ?? 60_000);
    const url = hubEndpoint(link.hubUrl, fillPath(CHANNEL_PATHS.attachment, { id: attachmentId }));
    let response: Response | null = null;
    // Twice: after the link came back, the first request may meet a pooled socket the outage killed.
    for (let attempt = 1; !response; attempt++) {
      try {
        response = await fetchImpl(url, { headers: { authorization: `Bearer ${link.token}` }, signal: abort });
      } catch (error) {
        if (attempt < 2 && !abort.aborted) continue;
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        throw new OknoError(
          'hub_unreachable',
          `the hub at ${link.hubUrl} is not reachable (${cause?.code ?? cause?.message ?? String(error)})`,
        );
      }
    }
    if (response.status === 404) throw new OknoError('not_found', `attachment ${attachmentId} is not on the hub`);
    if (response.status === 401)
      throw new OknoError('unauthorized', 'attachment: the hub no longer accepts the sign-in');
    if (!response.ok || !response.body) throw new OknoError('hub_error', `attachment: HTTP ${response.status}`);
    const name = fileName(response.headers.get('content-disposition'), attachmentId);
    const mime = response.headers.get('x-okno-content-type') ?? 'application/octet-stream';
    const announced = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(announced) && announced > capBytes) {
      await response.body.cancel();
      throw tooLarge(name, announced, capBytes);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body) {
        size += chunk.byteLength;
        if (size > capBytes) throw tooLarge(name, size, capBytes);
        chunks.push(Buffer.from(chunk));
      }
    } catch (error) {
      if (error instanceof OknoError) throw error;
      throw new OknoError('hub_unreachable', `attachment "${name}": the download broke off (${String(error)})`);
    }
    const data = Buffer.concat(chunks);
    const sha256 = files.write(data);
    return { id: attachmentId, messageId, name, mime, size: data.length, sha256, data };
  }

  return {
    async get(messageId, attachmentId) {
      const known = store.attachments.get(attachmentId);
      const cached = known ? files.read(known.sha256) : null;
      if (known && cached) return { attachment: known, dataBase64: cached.toString('base64') };
      const { data, ...attachment } = await download(messageId, attachmentId);
      store.attachments.put(attachment, deps.now());
      return { attachment, dataBase64: data.toString('base64') };
    },
  };
}
