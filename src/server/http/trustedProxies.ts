/**
 * The load balancers or TLS proxies whose X-Forwarded-For the hub believes. Behind HAProxy every
 * request arrives from the proxy's address; without this list the per-address limits (sign-in
 * back-off, the widget's limits) would count every client as one, so twenty wrong passwords from
 * anyone would pause everyone's sign-in. Only listed peers are believed: a client elsewhere cannot
 * choose its own address by sending the header.
 */
import { isIP } from 'node:net';

/** Checks each entry (an address, or an address/prefix) and names the first that is neither. */
export function parseTrustedProxies(entries: readonly string[]): string[] {
  return entries.map((raw) => {
    const entry = raw.trim();
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = family === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (family === 0 || !prefixOk || extra !== undefined) {
      throw new Error(
        `trusted proxy "${raw}" is not an IP address or an address/prefix (e.g. 10.0.0.5 or 10.0.0.0/24)`,
      );
    }
    return entry;
  });
}
