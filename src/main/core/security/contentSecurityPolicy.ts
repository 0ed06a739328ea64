/**
 * The renderer's one Content-Security-Policy. Both hosts send it as a header with every response
 * (Electron's app://okno protocol, the browser host's HTTP server) and the page carries none of its
 * own, so there is exactly one policy: only its own scripts and styles, no plugins, no framing, and
 * network access only to what the host names (the saved PBX; the browser host's own contract socket).
 */
export function contentSecurityPolicy(connectSources: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // https: only for a customer's email images the agent allowed; they load inside the sandboxed email
    // frame, whose own policy names just that message's image origins (decision 0026).
    "img-src 'self' data: https:",
    // blob: only for call recordings, which the renderer assembles from the core's slices (issue 16).
    "media-src 'self' blob:",
    ['connect-src', "'self'", ...connectSources].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
