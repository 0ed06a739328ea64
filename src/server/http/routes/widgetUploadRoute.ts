/**
 * POST /widget/v1/upload: a customer's file from the widget, on any site (CORS: any origin, no
 * credentials; the visitor's secret in `Authorization: Bearer` says who sends it). The body is the
 * file itself; its type in Content-Type, its name (URI-encoded) in X-Okno-File-Name and the
 * widget's message id in X-Okno-Client-Id. Only a few small kinds are taken (widgetFile.ts).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { OknoError } from '../../../shared/errors.js';
import { WIDGET_FILE_MAX_BYTES, WIDGET_FILE_TYPES, WIDGET_UPLOAD_PATH } from '../../../shared/widgetProtocol.js';
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

export function registerWidgetUploadRoute(app: FastifyInstance, gateway: WebchatGateway): void {
  void app.register(async (scope) => {
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
    scope.options(WIDGET_UPLOAD_PATH, async (_request, reply) => cors(reply).code(204).send());
    scope.post(WIDGET_UPLOAD_PATH, async (request, reply) => {
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
