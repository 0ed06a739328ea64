/**
 * Channel administration and reply files, forwarded to the hub with the session's token: the hub
 * enforces the roles (leads and admins configure channels, admins see dead letters) and never
 * returns a secret. Files come from the renderer in chunks that fit one contract frame and go to
 * the hub as one upload when the last chunk arrives.
 */
import { OUTBOUND_FILE_MAX_BYTES, UploadedFile, megabytes } from '../../../shared/attachments.js';
import type { ParsedInput, RequestOutput } from '../../../shared/contract.js';
import { isErrorCode, OknoError } from '../../../shared/errors.js';
import { CHANNEL_PATHS, channelsApi } from '../../../shared/hubApi/channelsApi.js';
import { widgetApi } from '../../../shared/hubApi/widgetApi.js';
import { hubEndpoint } from '../sync/hubUrl.js';
import { callEndpoint } from './callEndpoint.js';
import { createHubCall, type HubCallDeps } from './hubCall.js';

export interface ChannelAdmin {
  list(): Promise<RequestOutput<'channels.list'>>;
  create(input: ParsedInput<'channels.create'>): Promise<RequestOutput<'channels.create'>>;
  update(input: ParsedInput<'channels.update'>): Promise<RequestOutput<'channels.update'>>;
  disable(channelId: string): Promise<RequestOutput<'channels.disable'>>;
  deadLetters(limit: number): Promise<RequestOutput<'deadLetters.list'>>;
  discardDeadLetter(id: string): Promise<RequestOutput<'deadLetters.discard'>>;
  retryDeadLetter(id: string): Promise<RequestOutput<'deadLetters.retry'>>;
  signatures(): Promise<RequestOutput<'signatures.list'>>;
  saveSignature(input: ParsedInput<'signatures.save'>): Promise<RequestOutput<'signatures.save'>>;
  uploadChunk(input: ParsedInput<'attachment.upload'>): Promise<RequestOutput<'attachment.upload'>>;
  /** The agent is typing in a thread (web chat shows it to the customer). */
  typing(threadId: string): Promise<RequestOutput<'thread.typing'>>;
}

interface PendingUpload {
  name: string;
  mime: string;
  size: number;
  chunks: Buffer[];
  received: number;
  startedAt: number;
}

/** An upload whose next chunk does not come within this time is forgotten. */
const UPLOAD_IDLE_MS = 5 * 60_000;
const MAX_PENDING_UPLOADS = 8;

export function createChannelAdmin(deps: HubCallDeps & { now?: () => number }): ChannelAdmin {
  const call = createHubCall(deps, 'channels');
  const fetchImpl = deps.fetch ?? fetch;
  const now = deps.now ?? Date.now;
  const api = channelsApi;
  const none = {};
  const pending = new Map<string, PendingUpload>();

  function forgetStale(): void {
    for (const [key, upload] of pending) if (now() - upload.startedAt > UPLOAD_IDLE_MS) pending.delete(key);
  }

  async function sendToHub(upload: PendingUpload): Promise<UploadedFile> {
    const link = deps.link();
    if (!link) throw new OknoError('not_signed_in', 'sign in to attach files');
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(hubEndpoint(link.hubUrl, CHANNEL_PATHS.uploads), {
        method: 'POST',
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${link.token}`,
          'content-type': 'application/octet-stream',
          'x-okno-file-name': encodeURIComponent(upload.name),
          'x-okno-file-type': upload.mime || 'application/octet-stream',
        },
        body: Buffer.concat(upload.chunks),
        signal: AbortSignal.timeout(60_000),
      });
      text = await response.text();
    } catch (error) {
      throw new OknoError('hub_unreachable', `the file was not sent: the hub is not reachable (${String(error)})`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const error = (json as { error?: { code?: unknown; message?: string } } | undefined)?.error;
      const code = isErrorCode(error?.code) && response.status < 500 ? error.code : 'hub_error';
      throw new OknoError(code, `upload: ${error?.message ?? `HTTP ${response.status}`}`);
    }
    const parsed = UploadedFile.safeParse(json);
    if (!parsed.success) throw new OknoError('hub_error', 'upload: unexpected answer from the hub');
    return parsed.data;
  }

  return {
    list: () => callEndpoint(call, api.channels, { params: none, input: none }),
    create: (input) => callEndpoint(call, api.createChannel, { params: none, input }),
    update: ({ channelId, ...patch }) =>
      callEndpoint(call, api.updateChannel, { params: { id: channelId }, input: patch }),
    disable: async (channelId) => {
      await callEndpoint(call, api.disableChannel, { params: { id: channelId }, input: none });
      return { channelId };
    },
    deadLetters: (limit) => callEndpoint(call, api.deadLetters, { params: none, input: { limit } }),
    discardDeadLetter: async (letterId) => {
      await callEndpoint(call, api.discardDeadLetter, { params: { id: letterId }, input: none });
      return { id: letterId };
    },
    retryDeadLetter: (letterId) => callEndpoint(call, api.retryDeadLetter, { params: { id: letterId }, input: none }),
    typing: (threadId) => callEndpoint(call, widgetApi.typing, { params: { id: threadId }, input: none }),
    signatures: () => callEndpoint(call, api.signatures, { params: none, input: none }),
    saveSignature: ({ groupId, text }) =>
      callEndpoint(call, api.saveSignature, { params: { id: groupId }, input: { text } }),

    async uploadChunk(input) {
      forgetStale();
      const data = Buffer.from(input.dataBase64, 'base64');
      let upload = pending.get(input.uploadKey);
      if (input.offset === 0) {
        if (!upload && pending.size >= MAX_PENDING_UPLOADS) {
          throw new OknoError('rate_limited', 'too many files are being attached at once; wait for one to finish');
        }
        upload = { name: input.name, mime: input.mime, size: input.size, chunks: [], received: 0, startedAt: now() };
        pending.set(input.uploadKey, upload);
      }
      if (!upload || upload.received !== input.offset) {
        pending.delete(input.uploadKey);
        throw new OknoError('bad_request', `upload ${input.uploadKey}: a chunk is missing; attach the file again`);
      }
      upload.chunks.push(data);
      upload.received += data.length;
      upload.startedAt = now();
      if (upload.received > Math.min(upload.size, OUTBOUND_FILE_MAX_BYTES)) {
        pending.delete(input.uploadKey);
        throw new OknoError(
          'payload_too_large',
          `the file is larger than ${megabytes(OUTBOUND_FILE_MAX_BYTES)} MB, the limit for files on replies`,
        );
      }
      if (!input.last) return { file: null };
      pending.delete(input.uploadKey);
      if (upload.received !== upload.size) {
        throw new OknoError('bad_request', `upload ${input.uploadKey}: got ${upload.received} of ${upload.size} bytes`);
      }
      return { file: await sendToHub(upload) };
    },
  };
}
