/**
 * Customer email HTML, made safe to show (DESIGN.md: sanitised before it is rendered, no remote
 * content without consent). DOMPurify in the renderer, where a real DOM parses the HTML exactly as
 * it will be shown (decision 0011): scripts, event handlers, forms, frames, styles and anything
 * that can fetch are removed; remote images (tracking pixels included) lose their address until
 * the agent allows them, and the count of blocked ones is returned so the view can offer that.
 * Inline (cid:) and data: images stay.
 */
import createDOMPurify from 'dompurify';

export interface SanitizedEmail {
  html: string;
  /** Remote images withheld; the view offers "show images" when there are any. */
  blockedImages: number;
  /** The https:// origins the remote images come from (withheld or not), for the frame's img-src once allowed. */
  remoteImageOrigins: string[];
}

const FORBID_TAGS = [
  'style',
  'link',
  'meta',
  'base',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'iframe',
  'frame',
  'object',
  'embed',
  'svg',
  'math',
  'video',
  'audio',
  'source',
  'picture',
];
const FORBID_ATTR = ['style', 'srcset', 'background', 'poster', 'action', 'formaction', 'ping'];
const REMOTE = /^\s*(https?:)?\/\//i;
const KEPT_IMAGE = /^\s*(cid:|data:image\/(png|jpeg|gif|webp);)/i;

export function sanitizeEmailHtml(
  html: string,
  options: { allowRemoteImages: boolean },
  window: Window = globalThis.window,
): SanitizedEmail {
  // A fresh instance per call: hooks are per instance, and counting must not leak between emails.
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  let blockedImages = 0;
  const origins = new Set<string>();
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'IMG') {
      const src = node.getAttribute('src') ?? '';
      if (REMOTE.test(src)) {
        const origin = httpsOrigin(src);
        if (origin) origins.add(origin);
        if (!options.allowRemoteImages) {
          node.removeAttribute('src');
          node.setAttribute('data-okno-blocked-src', src);
          blockedImages++;
        }
      } else if (!KEPT_IMAGE.test(src)) {
        node.removeAttribute('src');
      }
    }
    if (node.nodeName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
  const clean = purify.sanitize(html, {
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOW_DATA_ATTR: false,
    ADD_ATTR: ['target'],
    WHOLE_DOCUMENT: false,
  });
  return { html: String(clean), blockedImages, remoteImageOrigins: [...origins] };
}

/** "https://cdn.example/a.png" and "//cdn.example/a.png" → "https://cdn.example"; plain http:// images stay blocked. */
function httpsOrigin(src: string): string | null {
  try {
    const url = new URL(src.trim(), 'https://invalid.invalid/');
    return url.protocol === 'https:' && url.hostname !== 'invalid.invalid' ? url.origin : null;
  } catch {
    return null;
  }
}
