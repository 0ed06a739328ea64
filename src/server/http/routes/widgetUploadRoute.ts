/**
 * POST /widget/v1/upload: a customer's file from the widget, on any site (CORS: any origin, no
 * credentials; the visitor's secret in `Authorization: Bearer` says who sends it). The body is the
 * file itself; its type in Content-Type, its name (URI-encoded) in X-Okno-File-Name and the
 * widget's message id in X-Okno-Client-Id. Only a few small kinds are taken (widgetFile.ts).
 * Before the body is read (decision 0024): files per visitor, address and in all
 * (@fastify/rate-limit), then the visitor, their daily quota of bytes and the byte allowance of
 * their address and of everyone; each refusal is 429 naming the limit, with CORS so the widget reads it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OknoError } from '../../../shared/errors.js';
import { WIDGET_FILE_MAX_BYTES, WIDGET_FILE_TYPES, WIDGET_UPLOAD_PATH } from '../../../shared/widgetProtocol.js';
import { hashSecret } from '../../auth/tokens.js';
import { byAddress, httpLimit, useRateLimit } from '../../webchat/httpLimits.js';
import { exemptKeys } from '../../webchat/widgetLimiter.js';
import type { WebchatGateway } from '../../webchat/webchatGateway.js';
import { checkWidgetFile } from '../../webchat/widgetFile.js';
import { bearerToken } from '../auth.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function cors(reply: FastifyReply): FastifyReply {
  return reply
    .header('Access-Control-Allow-Origin', '*')
    .header('Access-Control-Allow-Methods', 'POST')
    .header('Access-Control-Allow-Headers', 'authorization, content-type, x-okno-file-name, x-okno-client-id')
    .header('Access-Control-Max-Age', '600');
}

/** Files are counted per visitor secret (its hash); a request without one, per address. */
function byVisitor(request: FastifyRequest): string {
  const token = bearerToken(request.headers.authorization);
  return token ? hashSecret(token) : `address:${byAddress(request)}`;
}

export function registerWidgetUploadRoute(app: FastifyInstance, gateway: WebchatGateway): void {
  const { uploads } = gateway.limits;
  const exempt = exemptKeys(gateway.limits);
  void app.register(async (scope) => {
    await useRateLimit(scope);
    // Every type is read as bytes, so a wrong one gets checkWidgetFile's clear refusal, not a 415.
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WIDGET_FILE_MAX_BYTES }, (_request, body, done) =>
      done(null, body),
    );
    scope.addHook('onSend', async (_request, reply) => {
      cors(reply);
    });
    scope.addHook('onRequest', async (request) => {
      const length = Number(request.headers['content-length'] ?? 0);
      if (length > WIDGET_FILE_MAX_BYTES) {
        throw new OknoError('payload_too_large', `the file is over ${WIDGET_FILE_MAX_BYTES / (1024 * 1024)} MB`);
      }
    });
    const uploadLimit = httpLimit(
      scope,
      'uploads',
      [
        { scope: 'visitor', window: uploads.perVisitor, key: byVisitor },
        { scope: 'address', window: uploads.perAddress },
        { scope: 'global', window: uploads.global },
      ],
      exempt,
    );
    scope.options(WIDGET_UPLOAD_PATH, async (_request, reply) => cors(reply).code(204).send());
    const admit = async (request: FastifyRequest): Promise<void> => {
      const token = bearerToken(request.headers.authorization);
      if (!token) throw new OknoError('unauthorized', 'missing "Authorization: Bearer <visitor token>"');
      // A body without Content-Length is counted at the cap it may reach; the quota is checked again on its bytes.
      const declared = Number(request.headers['content-length'] ?? WIDGET_FILE_MAX_BYTES);
      gateway.admitUpload(token, request.ip, Number.isFinite(declared) ? declared : WIDGET_FILE_MAX_BYTES);
    };
    scope.post(WIDGET_UPLOAD_PATH, { onRequest: [uploadLimit, admit] }, async (request, reply) => {
      const token = bearerToken(request.headers.authorization);
      if (!token) throw new OknoError('unauthorized', 'missing "Authorization: Bearer <visitor token>"');
      const clientId = request.headers['x-okno-client-id'];
      if (typeof clientId !== 'string' || !UUID.test(clientId)) {
        throw new OknoError('bad_request', 'X-Okno-Client-Id must be the message id (a UUID)');
      }
      if (!Buffer.isBuffer(request.body)) {
        throw new OknoError('bad_request', `send the file itself with one of: ${WIDGET_FILE_TYPES.join(', ')}`);
      }
      const rawName = request.headers['x-okno-file-name'];
      let name = 'file';
      try {
        name = decodeURIComponent(typeof rawName === 'string' ? rawName : 'file');
      } catch {
        throw new OknoError('bad_request', 'X-Okno-File-Name must be URI-encoded');
      }
      const file = checkWidgetFile(name, request.headers['content-type'] ?? '', request.body);
      const message = gateway.visitorFile(token, clientId, file);
      reply.code(201);
      return { messageId: message.id };
    });
  });
}
