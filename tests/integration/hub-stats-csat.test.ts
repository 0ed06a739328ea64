/**
 * CSAT where it is collected: the web-chat widget is asked for a 1–5 rating once its conversation
 * is closed, the hub records it once (only from that visitor, only for a closed conversation),
 * and the stats show the average and the count per channel and per agent. A real hub, real sockets.
 */
import { describe, expect, it } from 'vitest';
import { api, customerSays, openWidget, type FrameQueue, type Loose } from './hub-harness.js';
import { addAgent, reply, setStatus, threadOfLastMessage } from './hub-routing-support.js';
import { STATS_START as START, statsHubs } from './hub-stats-support.js';

let clock = START;
const { sockets, startStatsHub } = statsHubs({ now: () => clock, resetClock: () => (clock = START) });

describe('CSAT from the web-chat widget', () => {
  it('asks after the close, records one rating 1..5 from the visitor, and the stats average it', async () => {
    clock = START;
    const { hub, admin } = await startStatsHub();
    const ann = await addAgent(hub.url, admin, 'ann', 'Ann');
    const lead = await addAgent(hub.url, admin, 'lea', 'Lea', 'lead');
    await setStatus(hub.url, ann, 'ready');

    const { widget, visitorToken } = await openWidget(hub.url, {});
    sockets.push(widget);
    await customerSays(widget, 'my parcel is late');
    const thread = await threadOfLastMessage(hub.url, admin, 'my parcel is late');
    clock += 20_000;
    await reply(hub.url, ann, thread.id, 'Let me check');
    const rate = (w: FrameQueue, threadId: string, score: unknown) =>
      w.socket.send(JSON.stringify({ type: 'csat', threadId, score }));

    // Still open: a rating is refused by name, and nobody was asked yet.
    rate(widget, thread.id, 5);
    expect((await widget.next((f: Loose) => f.type === 'error')).message).toContain('still open');

    clock += 60_000;
    const closed = await api(hub.url, `/api/v1/threads/${thread.id}/close`, {
      method: 'POST',
      token: ann.token,
      json: {},
    });
    expect(closed.status).toBe(200);
    expect(await widget.next((f: Loose) => f.type === 'rate')).toEqual({ type: 'rate', threadId: thread.id });

    // A visitor who comes back before rating is asked again after the welcome.
    const again = await openWidget(hub.url, { visitorToken });
    sockets.push(again.widget);
    expect(await again.widget.next((f: Loose) => f.type === 'rate')).toMatchObject({ threadId: thread.id });

    // Out of range, not whole, or someone else's conversation: clear errors, nothing recorded.
    rate(widget, thread.id, 7);
    expect((await widget.next((f: Loose) => f.type === 'error')).code).toBe('bad_request');
    rate(widget, thread.id, 3.5);
    expect((await widget.next((f: Loose) => f.type === 'error')).message).toContain('whole number');
    const stranger = await openWidget(hub.url, {});
    sockets.push(stranger.widget);
    await customerSays(stranger.widget, 'hello from someone else');
    rate(stranger.widget, thread.id, 1);
    expect((await stranger.widget.next((f: Loose) => f.type === 'error')).code).toBe('not_found');

    rate(widget, thread.id, 4);
    expect(await widget.next((f: Loose) => f.type === 'rated')).toEqual({
      type: 'rated',
      threadId: thread.id,
      score: 4,
    });
    rate(widget, thread.id, 5);
    expect((await widget.next((f: Loose) => f.type === 'error')).message).toContain('already rated');

    const stats = await api(hub.url, '/api/v1/stats?day=2026-11-25', { token: lead.token });
    const webchat = stats.body.byChannel.find((r: Loose) => r.key === 'webchat').summary;
    expect(webchat).toMatchObject({ csatAverage: 4, csatResponses: 1 });
    const annRow = stats.body.byAgent.find((r: Loose) => r.key === ann.id).summary;
    expect(annRow).toMatchObject({ csatAverage: 4, csatResponses: 1 });
    const csv = await api(hub.url, '/api/v1/stats/export.csv?day=2026-11-25&table=byChannel', { token: lead.token });
    expect(String(csv.body).split('\r\n')[0]).toContain('csatAverage');
    const now = await api(hub.url, '/api/v1/stats/now', { token: lead.token });
    expect(now.body.today).toMatchObject({ csatAverage: 4, csatResponses: 1 });
  });
});
