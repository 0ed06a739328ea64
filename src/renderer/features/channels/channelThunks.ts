/**
 * Channel administration through the contract. The tabs keep what they load in their own state;
 * a rejected call carries the hub's ErrorInfo (the hub enforces the roles).
 */
import { megabytes, OUTBOUND_FILE_MAX_BYTES, UPLOAD_CHUNK_BYTES } from '../../../shared/attachments.js';
import type { RequestInput } from '../../../shared/contract.js';
import { createAppAsyncThunk, invokeOrReject } from '../../app/thunk.js';

export const loadChannels = createAppAsyncThunk('channels/list', (_: void, api) =>
  invokeOrReject(api, 'channels.list', {}),
);

export const createChannel = createAppAsyncThunk('channels/create', (arg: RequestInput<'channels.create'>, api) =>
  invokeOrReject(api, 'channels.create', arg),
);

export const updateChannel = createAppAsyncThunk('channels/update', (arg: RequestInput<'channels.update'>, api) =>
  invokeOrReject(api, 'channels.update', arg),
);

export const disableChannel = createAppAsyncThunk('channels/disable', (channelId: string, api) =>
  invokeOrReject(api, 'channels.disable', { channelId }),
);

export const loadDeadLetters = createAppAsyncThunk('channels/deadLetters', (_: void, api) =>
  invokeOrReject(api, 'deadLetters.list', { limit: 200 }),
);

export const discardDeadLetter = createAppAsyncThunk('channels/discardDeadLetter', (id: string, api) =>
  invokeOrReject(api, 'deadLetters.discard', { id }),
);

export const retryDeadLetter = createAppAsyncThunk('channels/retryDeadLetter', (id: string, api) =>
  invokeOrReject(api, 'deadLetters.retry', { id }),
);

/** Base64 of bytes, built in slices (String.fromCharCode on a whole chunk would overflow the stack). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x2000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
  return btoa(binary);
}

/**
 * Sends a file for a reply to the hub through the core, in chunks that fit one contract frame.
 * A file over the cap is refused here, before any byte is read.
 */
export const uploadReplyFile = createAppAsyncThunk('channels/uploadReplyFile', async (file: File, api) => {
  if (file.size > OUTBOUND_FILE_MAX_BYTES) {
    return api.rejectWithValue({
      code: 'payload_too_large',
      message: `${file.name} is ${megabytes(file.size)} MB; replies carry files up to ${megabytes(OUTBOUND_FILE_MAX_BYTES)} MB`,
      params: { name: file.name, size: megabytes(file.size), max: megabytes(OUTBOUND_FILE_MAX_BYTES) },
    });
  }
  if (file.size === 0) return api.rejectWithValue({ code: 'bad_request', message: `${file.name} is empty` });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const uploadKey = crypto.randomUUID();
  for (let offset = 0; offset < bytes.length; offset += UPLOAD_CHUNK_BYTES) {
    const chunk = bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES);
    const last = offset + chunk.length >= bytes.length;
    const answer = await invokeOrReject(api, 'attachment.upload', {
      uploadKey,
      name: file.name,
      mime: file.type || 'application/octet-stream',
      size: bytes.length,
      offset,
      dataBase64: toBase64(chunk),
      last,
    });
    if (!('file' in answer)) return answer;
    if (last) {
      if (!answer.file) return api.rejectWithValue({ code: 'hub_error', message: 'the hub did not take the file' });
      return answer.file;
    }
  }
  return api.rejectWithValue({ code: 'bad_request', message: `${file.name} is empty` });
});

export const loadSignatures = createAppAsyncThunk('channels/signatures', (_: void, api) =>
  invokeOrReject(api, 'signatures.list', {}),
);

export const saveSignature = createAppAsyncThunk(
  'channels/saveSignature',
  (arg: RequestInput<'signatures.save'>, api) => invokeOrReject(api, 'signatures.save', arg),
);

/** The agent is typing (web chat); a failure is of no interest to anyone. */
export const agentTyping = createAppAsyncThunk('channels/agentTyping', (threadId: string, api) =>
  invokeOrReject(api, 'thread.typing', { threadId }),
);
