/**
 * The email frame's own Content-Security-Policy (decision 0026): nothing loads — images only from
 * data: until the agent allows remote images for the message, then also from that message's
 * https:// image origins. No DOM here, so it is tested in plain Node.
 */
export function emailFramePolicy(remoteImageOrigins: readonly string[]): string {
  return [
    "default-src 'none'",
    ['img-src', 'data:', ...remoteImageOrigins].join(' '),
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
