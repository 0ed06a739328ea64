/**
 * The document a customer's HTML email is shown in (decision 0026): the sanitised HTML inside an
 * <iframe sandbox="" srcdoc> — no scripts, an opaque origin, no forms, no popups — under a policy of
 * its own that lets nothing load: `default-src 'none'`, images only from data: until the agent allows
 * remote images for this message, and then only from the origins this message's images come from.
 * The renderer's own policy still applies on top (a srcdoc frame inherits it).
 */
import { emailFramePolicy } from './emailFramePolicy.js';
import { sanitizeEmailHtml } from './sanitizeEmailHtml.js';

export interface EmailFrame {
  srcdoc: string;
  /** Remote images withheld (0 once allowed). */
  blockedImages: number;
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function emailFrame(html: string, options: { allowRemoteImages: boolean }, window?: Window): EmailFrame {
  const clean = sanitizeEmailHtml(html, options, window);
  const policy = emailFramePolicy(options.allowRemoteImages ? clean.remoteImageOrigins : []);
  const srcdoc =
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(policy)}">` +
    '<meta name="referrer" content="no-referrer">' +
    '<style>body{margin:8px;font:14px/1.45 system-ui,sans-serif;color:#1d2430;overflow-wrap:anywhere}img{max-width:100%;height:auto}</style>' +
    `</head><body>${clean.html}</body></html>`;
  return { srcdoc, blockedImages: clean.blockedImages };
}
