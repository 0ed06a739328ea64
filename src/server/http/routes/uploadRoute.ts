/**
 * POST /api/v1/uploads (CHANNEL_PATHS.uploads): an agent's file for a reply, sent as the raw bytes
 * (`Content-Type: application/octet-stream`, name and type in `X-Okno-File-Name` (URI-encoded) and
 * `X-Okno-File-Type`). It waits, owned by that agent, until a reply names it in `attachmentIds`.
 * A file over the cap is refused from its Content-Length, before the body is read.
 */
import type { FastifyInstance } from 'fastify';
import { cleanFileName, megabytes, OUTBOUND_FILE_MAX_BYTES } from '../../../shared/attachments.js';
import { OknoError } from '../../../shared/errors.js';
import { CHANNEL_PATHS } from '../../../shared/hubApi/channelsApi.js';
import { uuidv7 } from '../../../shared/ids.js';
import type { ChannelStore } from '../../gateways/channelStore.js';
import { agentOf } from '../auth.js';

const MIME = /^[\w.+-]+\/[\w.+-]+$/;

function tooLarge(bytes: number): OknoError {
  return new OknoError(
    'payload_too_large',
    `the file is ${megabytes(bytes)} MB; replies carry files up to ${megabytes(OUTBOUND_FILE_MAX_BYTES)} MB`,
  );
}

export function registerUploadRoute(app: FastifyInstance, channels: ChannelStore, now: () => number = Date.now): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: OUTBOUND_FILE_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );
    scope.addHook('onRequest', async (request) => {
      const length = Number(request.headers['content-length'] ?? 0);
      if (length > OUTBOUND_FILE_MAX_BYTES) throw tooLarge(length);
    });
    scope.post(CHANNEL_PATHS.uploads, async (request, reply) => {
      const agent = agentOf(request);
      if (!Buffer.isBuffer(request.body)) {
        throw new OknoError('bad_request', 'send the file as Content-Type: application/octet-stream');
      }
      if (request.body.length === 0) throw new OknoError('bad_request', 'the file is empty');
      if (request.body.length > OUTBOUND_FILE_MAX_BYTES) throw tooLarge(request.body.length);
      const rawName = request.headers['x-okno-file-name'];
      let name = 'file';
      try {
        name = cleanFileName(decodeURIComponent(typeof rawName === 'string' ? rawName : ''));
      } catch {
        throw new OknoError('bad_request', 'X-Okno-File-Name must be URI-encoded');
      }
      const rawType = request.headers['x-okno-file-type'];
      const mime = typeof rawType === 'string' && MIME.test(rawType) ? rawType : 'application/octet-stream';
      const at = now();
      const info = channels.outbound.putUpload(uuidv7(at), agent.id, { name, mime, data: request.body }, at);
      reply.code(201);
      return info;
    });
  });
}
