/**
 * The email rating page (issue 16): GET shows the 1–5 choices in the customer's language, POST (a
 * plain form, no script) records the choice once. The page runs under a strict Content-Security-Policy:
 * no script at all, its one style allowed by hash, forms posting only back to the hub, never framed.
 * A refused rating is a page naming the reason, with the status that says it (404, 409, 410, 400).
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { RATING_WORDS, type RatingLanguage } from '../../shared/csat/ratingWords.js';
import type { CsatRepo } from '../storage/csatRepo.js';
import { REFUSAL_STATUS, type RatingBook } from './ratingBook.js';

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}' +
  'form{display:flex;flex-direction:column;gap:.5rem}button{font:inherit;padding:.6rem;text-align:left;cursor:pointer}';
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');
export const RATING_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${STYLE_HASH}'`,
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(language: RatingLanguage, body: string): string {
  const words = RATING_WORDS[language];
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(words.pageTitle)}</title>
<style>${STYLE}</style></head><body><h1>${escape(words.pageTitle)}</h1>${body}</body></html>`;
}

function send(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', RATING_PAGE_CSP)
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(html);
}

export function registerRatingPage(app: FastifyInstance, repo: CsatRepo, book: RatingBook, now: () => number): void {
  void app.register(async (scope) => {
    // The form posts urlencoded; this scope alone reads that body type.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    scope.get<{ Params: { token: string } }>('/rate/:token', async (request, reply) => {
      const found = repo.get(request.params.token);
      const language = found?.language ?? 'ru';
      const words = RATING_WORDS[language];
      const refusal =
        !found || found.channel !== 'email'
          ? 'not_found'
          : found.answeredAt !== null || repo.rated(found.threadId)
            ? 'already_rated'
            : now() > found.expiresAt
              ? 'late'
              : null;
      if (refusal)
        return send(reply, REFUSAL_STATUS[refusal], page(language, `<p>${escape(words.refused[refusal])}</p>`));
      const buttons = words.choices
        .map((label, i) => `<button type="submit" name="score" value="${i + 1}">${escape(label)}</button>`)
        .join('');
      return send(reply, 200, page(language, `<p>${escape(words.pageAsk)}</p><form method="post">${buttons}</form>`));
    });

    scope.post<{ Params: { token: string }; Body: Record<string, string> | undefined }>(
      '/rate/:token',
      async (request, reply) => {
        const found = repo.get(request.params.token);
        // Only email requests are answered on the page; a messenger's token is pressed in the messenger.
        const token = found?.channel === 'email' ? request.params.token : '';
        const raw = request.body?.score;
        const score = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : raw;
        const verdict = book.answer(token, score, null);
        const words = RATING_WORDS[verdict.language];
        return verdict.ok
          ? send(reply, 200, page(verdict.language, `<p>${escape(words.thanks(verdict.score))}</p>`))
          : send(
              reply,
              REFUSAL_STATUS[verdict.reason],
              page(verdict.language, `<p>${escape(words.refused[verdict.reason])}</p>`),
            );
      },
    );
  });
}
