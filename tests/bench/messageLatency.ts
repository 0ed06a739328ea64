/**
 * How long a message takes to cross Okno on an idle machine (issue 18): a widget visitor's message
 * until the agent's core announces the changed thread on the window's thread, and until the queue
 * page the window then asks for shows it; an agent's reply until the visitor's widget has it. The
 * hub runs in its own process, the core in its worker, as in the app. Measures only.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createFileKeySecretBox, startCoreWorker } from '../../src/main/core/index.js';
import type { QueueItem } from '../../src/shared/contract.js';
import { customerSays, openWidget, type FrameQueue } from '../integration/hub-harness.js';
import { bundleScript, startScript } from '../support/childProcess.js';
import type { HubChildConfig } from '../support/hubChild.js';
import { spread, type Spread } from './stats.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'bench-password-1';

export interface MessageLatencyFigures {
  visitors: number;
  perVisitor: number;
  /** From the widget's send to the core's queue/messages event for the thread, on the window's thread (ms). */
  customerToEventMs: Spread;
  /** From the widget's send to a queue page (asked for on that event) that shows the message (ms). */
  customerToQueuePageMs: Spread;
  /** From the agent's send in the core to the visitor's widget receiving the reply (ms). */
  agentToWidgetMs: Spread;
}

export async function benchMessageLatency(dir: string, visitors: number, perVisitor: number): Promise<MessageLatencyFigures> {
  const config: HubChildConfig = {
    dataDir: path.join(dir, 'hub'),
    widgetDir: path.join(REPO, 'dist/widget'),
    adminPassword: PASSWORD,
    heartbeatMs: 5_000,
  };
  const hub = startScript(await bundleScript(path.join(REPO, 'tests/support/hubChild.ts')), config);
  const appDir = path.join(dir, 'app');
  mkdirSync(appDir, { recursive: true });
  const widgets: FrameQueue[] = [];
  try {
    const hubUrl = (await hub.waitFor((line) => line.startsWith('listening '), 60_000)).split(' ')[1]!;
    const core = await startCoreWorker({
      dataDir: appDir,
      host: 'browser',
      secretBox: createFileKeySecretBox(appDir),
      cacheMaintenanceDelayMs: null,
    });
    try {
      const signIn = await core.invoke('session.signIn', { hubUrl, login: 'admin', password: PASSWORD });
      if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.error.message}`);
      // When each thread was announced (queue.changed, messages.changed), in order.
      const announced = new Map<string, number[]>();
      let wake: (() => void) | null = null;
      core.onEvent((name, payload) => {
        if (name !== 'queue.changed' && name !== 'messages.changed') return;
        const at = performance.now();
        for (const id of (payload as { threadIds: string[] }).threadIds) announced.set(id, [...(announced.get(id) ?? []), at]);
        wake?.();
      });
      /** The first announcement of `threadId` after index `from`, waiting for it (bounded). */
      const announcement = async (threadId: string, from: number): Promise<number> => {
        for (let waited = 0; waited < 100; waited++) {
          const at = announced.get(threadId)?.[from];
          if (at !== undefined) return at;
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 100);
          });
        }
        throw new Error(`thread ${threadId} was not announced within 10 s`);
      };
      const queuePage = async () => {
        const page = await core.invoke('queue.list', { limit: 200 });
        if (!page.ok) throw new Error(`queue.list failed: ${page.error.message}`);
        return (page.output as { items: QueueItem[] }).items;
      };

      const toEvent: number[] = [];
      const toPage: number[] = [];
      const toWidget: number[] = [];
      for (let v = 0; v < visitors; v++) {
        const { widget } = await openWidget(hubUrl);
        widgets.push(widget);
        // The first message opens the conversation; where it lands tells us its thread.
        await customerSays(widget, `latency visitor ${v} opens`);
        let threadId = '';
        for (let attempt = 0; attempt < 200 && !threadId; attempt++) {
          threadId = (await queuePage()).find((t) => t.lastMessagePreview.includes(`latency visitor ${v} opens`))?.id ?? '';
          if (!threadId) await new Promise((resolve) => setTimeout(resolve, 25));
        }
        if (!threadId) throw new Error(`visitor ${v}'s conversation never reached the queue`);
        const take = await core.invoke('thread.take', { threadId });
        if (!take.ok && take.error.code !== 'conflict') throw new Error(`thread.take failed: ${take.error.message}`);

        for (let k = 0; k < perVisitor; k++) {
          const text = `latency ${v} ${k}`;
          // The echo of the previous reply may be announced meanwhile: the right announcement is the
          // first one after which the queue page shows this message.
          let seen = announced.get(threadId)?.length ?? 0;
          const sent = performance.now();
          await customerSays(widget, text);
          for (let tries = 0; ; tries++) {
            const at = await announcement(threadId, seen++);
            const items = await queuePage();
            if (items.some((t) => t.id === threadId && t.lastMessagePreview.includes(text))) {
              toEvent.push(at - sent);
              toPage.push(performance.now() - sent);
              break;
            }
            if (tries > 20) throw new Error(`no queue page asked for on an event showed "${text}"`);
          }

          const reply = `reply ${v} ${k}`;
          const replied = performance.now();
          const result = await core.invoke('message.send', { threadId, text: reply });
          if (!result.ok) throw new Error(`message.send failed: ${result.error.message}`);
          await widget.next((f) => f.type === 'message' && f.message?.text === reply, 10_000);
          toWidget.push(performance.now() - replied);
          // Let the core's own echo of the reply be announced before the customer writes again.
          await new Promise((resolve) => setTimeout(resolve, 150));
        }
      }
      return {
        visitors,
        perVisitor,
        customerToEventMs: spread(toEvent),
        customerToQueuePageMs: spread(toPage),
        agentToWidgetMs: spread(toWidget),
      };
    } finally {
      await core.close();
    }
  } finally {
    for (const widget of widgets) widget.socket.terminate();
    hub.send('exit');
    await hub.exited;
  }
}
