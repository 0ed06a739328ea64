/**
 * The renderer's Content-Security-Policy, shared by both hosts so Electron and the browser
 * host hold the renderer to the same rules: only its own scripts and styles, no plugins, no
 * framing, and network access only where the host says.
 */
export function contentSecurityPolicy(connectSources: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // https: only for a customer's email images the agent allowed; they load inside the sandboxed email
    // frame, whose own policy names just that message's image origins (decision 0026).
    "img-src 'self' data: https:",
    ['connect-src', "'self'", ...connectSources].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
