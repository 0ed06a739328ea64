import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/shared/domain.js';
import { PullResponse, SYNC_API, type Change } from '../../src/shared/sync.js';
import { WIDGET_SOCKET_PATH, WidgetServerFrame } from '../../src/shared/widgetProtocol.js';
import type { Hub } from '../../src/server/hub.js';
import {
  api,
  closeAll,
  customerSays,
  login,
  openLive,
  openSocket,
  openWidget,
  removeTempDirs,
  startHub,
  tempDir,
} from './hub-harness.js';

let hub: Hub;
let token: string;
const widgetDir = tempDir('okno-widget-');
const NOW = Date.parse('2026-03-02T09:00:00Z');

beforeAll(async () => {
  hub = await startHub({ widgetDir, now: () => NOW });
  token = await login(hub.url);
});
afterAll(async () => {
  await hub.close();
  removeTempDirs();
});

async function messagesInLog(): Promise<Change[]> {
  const reply = await api(hub.url, `${SYNC_API.pull}?after=0&limit=5000`, { token });
  return PullResponse.parse(reply.body).changes.filter((c) => c.entity === 'message');
}

describe('web-chat gateway', () => {
  it('turns a visitor message into customer, thread and message changes on the agents’ live socket', async () => {
    const { live } = await openLive(hub.url, token);
    const { widget, visitorToken, history } = await openWidget(hub.url, { name: 'Olga' });
    expect(visitorToken.length).toBeGreaterThanOrEqual(32);
    expect(history).toEqual([]);

    const echo = await customerSays(widget, '  Where is my parcel?  ');
    expect(WidgetServerFrame.parse(echo)).toMatchObject({
      type: 'message',
      message: { direction: 'in', authorName: 'Olga', text: 'Where is my parcel?', createdAt: NOW },
    });

    const frame = await live.next((f) => f.type === 'changes');
    const byEntity = Object.fromEntries(frame.changes.map((c: Change) => [c.entity, c.data]));
    expect(Object.keys(byEntity).sort()).toEqual(['customer', 'message', 'thread']);
    expect(byEntity.customer).toMatchObject({ name: 'Olga' });
    expect(byEntity.thread).toMatchObject({
      channel: 'webchat',
      status: 'open',
      customerId: byEntity.customer.id,
      subject: 'Where is my parcel?',
      slaDueAt: NOW + 60_000,
    });
    expect(byEntity.message).toMatchObject({ id: echo.clientId, threadId: byEntity.thread.id, direction: 'in' });
    closeAll(live, widget);
  });

  it('refuses an oversized message with message_too_long, stores nothing and keeps the socket open', async () => {
    const { widget } = await openWidget(hub.url);
    const before = (await messagesInLog()).length;
    const clientId = crypto.randomUUID();
    widget.socket.send(JSON.stringify({ type: 'message', clientId, text: 'x'.repeat(LIMITS.messageText + 1) }));
    const error = await widget.next((f) => f.type === 'error');
    expect(error).toMatchObject({ code: 'message_too_long', clientId });
    expect(error.message).toContain(String(LIMITS.messageText));
    expect((await messagesInLog()).length).toBe(before);

    const ok = await customerSays(widget, 'short one');
    expect(ok.type).toBe('message');
    closeAll(widget);
  });

  it('refuses an empty message, a frame that is not JSON, and a message before hello', async () => {
    const { widget } = await openWidget(hub.url);
    widget.socket.send(JSON.stringify({ type: 'message', clientId: crypto.randomUUID(), text: '   ' }));
    expect(await widget.next((f) => f.type === 'error')).toMatchObject({
      code: 'bad_request',
      message: 'message is empty',
    });
    widget.socket.send('{not json');
    expect((await widget.next((f) => f.type === 'error')).message).toMatch(/not valid JSON/);

    const early = await openSocket(hub.url, WIDGET_SOCKET_PATH);
    early.socket.send(JSON.stringify({ type: 'message', clientId: crypto.randomUUID(), text: 'hi' }));
    expect((await early.next((f) => f.type === 'error')).message).toBe('send hello before messages');
    closeAll(widget, early);
  });

  it('stores a repeated clientId once and confirms it again', async () => {
    const { widget } = await openWidget(hub.url);
    const clientId = crypto.randomUUID();
    await customerSays(widget, 'sent twice', clientId);
    const again = await customerSays(widget, 'sent twice', clientId);
    expect(again.message.id).toBe(clientId);
    expect((await messagesInLog()).filter((c) => c.data.id === clientId)).toHaveLength(1);
    closeAll(widget);
  });

  it('gives the conversation back to a returning visitor and reaches all their open tabs', async () => {
    const first = await openWidget(hub.url);
    await customerSays(first.widget, 'before reload');
    closeAll(first.widget);

    const tabA = await openWidget(hub.url, { visitorToken: first.visitorToken });
    const tabB = await openWidget(hub.url, { visitorToken: first.visitorToken });
    expect(tabA.visitorToken).toBe(first.visitorToken);
    expect(tabA.history).toEqual([expect.objectContaining({ text: 'before reload', direction: 'in' })]);
    const echo = await customerSays(tabA.widget, 'after reload');
    await tabB.widget.next((f) => f.type === 'message' && f.message.id === echo.message.id);

    // An unknown secret is replaced, never adopted.
    const stranger = await openWidget(hub.url, { visitorToken: 'z'.repeat(43) });
    expect(stranger.visitorToken).not.toBe('z'.repeat(43));
    expect(stranger.history).toEqual([]);
    closeAll(tabA.widget, tabB.widget, stranger.widget);
  });

  it('limits how fast one visitor may send (more in hub-webchat-limits.test.ts)', async () => {
    const { widget } = await openWidget(hub.url);
    for (let i = 0; i < 11; i++) {
      widget.socket.send(JSON.stringify({ type: 'message', clientId: crypto.randomUUID(), text: `flood ${i}` }));
    }
    const refusal = await widget.next((f) => f.type === 'slow_down');
    expect(refusal).toMatchObject({ limit: 'messages', scope: 'visitor', clientId: expect.any(String) });
    closeAll(widget);
  });
});

describe('widget assets', () => {
  it('answers 503 with a hint while the widget is not built, then serves it as JavaScript', async () => {
    const missing = await api(hub.url, '/widget.js');
    expect(missing.status).toBe(503);
    expect(missing.body.error.message).toContain('npm run build');

    writeFileSync(path.join(widgetDir, 'okno-widget.js'), 'console.log("widget");');
    const served = await api(hub.url, '/widget.js');
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(served.body).toBe('console.log("widget");');
  });

  it('serves the demo page with one async script tag under a strict CSP', async () => {
    const reply = await api(hub.url, '/widget/demo');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<script src="/widget.js" async></script>');
    expect(reply.body.match(/<script/g)).toHaveLength(1);
    const csp = reply.headers.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", 'connect-src']) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-inline');
  });
});
