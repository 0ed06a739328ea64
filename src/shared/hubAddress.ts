/**
 * Which hub addresses the app accepts (sign-in screen, Settings → Hub address, OKNO_HUB_URL, a
 * settings file): https:// anywhere; plain http:// only to this computer (127.0.0.0/8, ::1,
 * localhost), where nobody on the network can read the token or the customers' messages on the way.
 */
import { z } from 'zod';

export type HubAddressProblem =
  /** Not a URL at all. */
  | 'not_url'
  /** A URL, but neither http:// nor https://. */
  | 'scheme'
  /** http:// to a host that is not this computer. */
  | 'plain_http';

/** The loopback names, after the URL parser normalised them ("127.1" → "127.0.0.1", "[0::1]" → "[::1]"). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export function hubAddressProblem(value: string): HubAddressProblem | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return 'not_url';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol !== 'http:') return 'scheme';
  return isLoopbackHost(url.hostname) ? null : 'plain_http';
}

/** The sentence for logs, the command line and the core's bad_request; the renderer says it in en/ru. */
export function describeHubAddressProblem(value: string, problem: HubAddressProblem): string {
  const address = value.trim();
  switch (problem) {
    case 'not_url':
      return `hub address "${address}" is not a URL such as https://hub.example.com`;
    case 'scheme':
      return `hub address "${address}" must start with https:// (or http:// for a hub on this computer)`;
    case 'plain_http':
      return (
        `hub address "${address}" uses plain http:// to another computer, where anyone on the network could read ` +
        'the sign-in and the messages; use https:// (plain http:// is only for 127.0.0.0/8, ::1 and localhost)'
      );
  }
}

/** The zod rule every boundary uses; the issue's params carry the problem for the renderer. */
export const HubAddress = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = hubAddressProblem(value);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: describeHubAddressProblem(value, problem), params: { problem } });
    }
  });
