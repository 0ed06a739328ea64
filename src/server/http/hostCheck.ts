/**
 * DNS rebinding: a web page can make a browser send requests to 127.0.0.1 under a name the attacker
 * controls. A hub bound to loopback therefore answers only to loopback names and the public names it
 * was told it is reached by (behind a TLS proxy that keeps the Host header).
 */
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]', '::1'];

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.includes(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The host name of a Host header, lower-cased, without its port; null when it is malformed. */
export function hostName(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/.exec(header.trim());
  return match?.[1]?.toLowerCase() ?? null;
}

/** Whether a request with this Host header may be answered; `extra` are the configured public names. */
export function hostAllowed(header: string | undefined, extra: readonly string[]): boolean {
  const name = hostName(header);
  if (name === null) return false;
  return isLoopbackHost(name) || extra.some((allowed) => allowed.toLowerCase() === name);
}
