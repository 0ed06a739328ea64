/**
 * The hub's figures for the renderer: the core forwards the stats requests to the hub's
 * authenticated API with the session's token (as templates, decision 0009) and validates the
 * answers. Asking for the floor (stats.now) also opens the hub's live stats socket, whose pushes
 * (at most one a second) go to the renderer as stats.changed events; it closes on sign-out or error.
 */
import WebSocket from 'ws';
import type { RequestOutput } from '../../../shared/contract.js';
import { STATS_PATHS, statsApi } from '../../../shared/hubApi/statsApi.js';
import { StatsSnapshotWire } from '../../../shared/stats/statsWire.js';
import { callEndpoint } from '../hubApi/callEndpoint.js';
import { createHubCall, type HubCallDeps } from '../hubApi/hubCall.js';
import { hubSocketUrl } from '../sync/hubUrl.js';

export interface StatsService {
  period(input: {
    day?: string | undefined;
    days: number;
    timeZone?: string | undefined;
  }): Promise<RequestOutput<'stats.period'>>;
  /** The floor; today in `timeZone`, or in the hub's own zone when none is named. */
  now(timeZone?: string): Promise<RequestOutput<'stats.now'>>;
  /** Tells the hub how many calls the softphone has up (0 when none). */
  callState(liveCalls: number): Promise<RequestOutput<'stats.callState'>>;
  stop(): void;
}

export interface StatsServiceDeps extends HubCallDeps {
  /** Each snapshot the hub pushes. */
  onSnapshot?: (snapshot: RequestOutput<'stats.now'>) => void;
}

export function createStatsService(deps: StatsServiceDeps): StatsService {
  const call = createHubCall(deps, 'stats');
  let socket: { ws: WebSocket; token: string } | null = null;

  const stop = () => {
    socket?.ws.terminate();
    socket = null;
  };

  const watch = () => {
    const link = deps.link();
    if (!deps.onSnapshot || !link) return stop();
    if (socket && socket.token === link.token && socket.ws.readyState <= WebSocket.OPEN) return;
    stop();
    const url = hubSocketUrl(link.hubUrl, STATS_PATHS.live);
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${link.token}` }, handshakeTimeout: 10_000 });
    socket = { ws, token: link.token };
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      try {
        const frame = JSON.parse(data.toString()) as { type?: string; snapshot?: unknown };
        const parsed = StatsSnapshotWire.safeParse(frame.snapshot);
        if (frame.type === 'stats' && parsed.success) deps.onSnapshot?.(parsed.data);
      } catch {
        // Not JSON: ignored; the next push or request brings the floor again.
      }
    });
    const forget = () => {
      if (socket?.ws === ws) socket = null;
    };
    ws.on('close', forget);
    ws.on('error', forget);
  };

  return {
    period: ({ day, days, timeZone }) =>
      callEndpoint(call, statsApi.period, {
        params: {},
        input: { days, tz: timeZone || undefined, day: day || undefined },
      }),
    now: async (timeZone) => {
      const snapshot = await callEndpoint(call, statsApi.now, { params: {}, input: { tz: timeZone || undefined } });
      watch();
      return snapshot;
    },
    callState: (liveCalls) => callEndpoint(call, statsApi.callState, { params: {}, input: { liveCalls } }),
    stop,
  };
}
