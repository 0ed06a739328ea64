/**
 * The conflict rule for templates deleted on the hub while the agent was offline, with a real hub
 * and a real agent core: a reply typed from the template is sent as typed; inserting the template
 * again, or saving an edit of it, is refused as `template_deleted` (named, in the agent's language
 * by the renderer); learning from the choice is skipped; the cached library drops it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestOutput } from '../../src/shared/contract.js';
import type { Message } from '../../src/shared/domain.js';
import { hubSeqOf, queuedThread, startAgent, waitFor, type TestAgent } from './agent-harness.js';
import {
  ADMIN_PASSWORD,
  api,
  closeAll,
  customerSays,
  login,
  openWidget,
  removeTempDirs,
  startHub,
  type FrameQueue,
} from './hub-harness.js';

let hub: Awaited<ReturnType<typeof startHub>>;
let anna: TestAgent;
let widget: FrameQueue;
let threadId: string;
let templateId: string;
let otherId: string;

type Failure = Error & { code?: string };
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: Failure) => e,
  );

beforeAll(async () => {
  hub = await startHub();
  anna = await startAgent(hub.url, 'admin', ADMIN_PASSWORD);
  const created = await api(hub.url, '/api/v1/templates', {
    token: await login(hub.url),
    json: {
      scope: 'personal',
      title: 'Parcel on its way',
      bodies: [{ language: 'en', text: 'Your parcel left our warehouse today.' }],
    },
  });
  templateId = created.body.id as string;
  const other = await api(hub.url, '/api/v1/templates', {
    token: await login(hub.url),
    json: { scope: 'personal', title: 'Thanks', bodies: [{ language: 'en', text: 'Thank you for waiting.' }] },
  });
  otherId = other.body.id as string;
  ({ widget } = await openWidget(hub.url, { name: 'Template customer' }));
  await customerSays(widget, 'where is my parcel?');
  threadId = (await queuedThread(anna, 'parcel')).id;
});

afterAll(async () => {
  closeAll(widget);
  await anna?.close();
  await hub?.close();
  removeTempDirs();
});

describe('a template deleted on the hub while the agent was offline', () => {
  it('sends what was typed from it, and refuses inserting or editing it by name', async () => {
    const { templates } = await anna.call<RequestOutput<'templates.list'>>('templates.list');
    expect(templates.map((t) => t.id)).toContain(templateId);
    const rendered = await anna.call<RequestOutput<'templates.render'>>('templates.render', { templateId, threadId });
    expect(rendered.text).toBe('Your parcel left our warehouse today.');

    anna.offline();
    await waitFor('offline', async () => (await anna.connection()).status !== 'online');
    // Offline: the picker still shows the last library seen, and the reply typed from it waits.
    const cached = await anna.call<RequestOutput<'templates.list'>>('templates.list');
    expect(cached.templates.map((t) => t.id)).toContain(templateId);
    const reply = await anna.call<Message>('message.send', { threadId, text: `${rendered.text} Tracking: RU123.` });
    // Meanwhile, another session deletes it on the hub.
    const deleted = await api(hub.url, `/api/v1/templates/${templateId}`, {
      method: 'DELETE',
      token: await login(hub.url),
    });
    expect(deleted.status).toBe(200);
    anna.online();
    await anna.settled(hubSeqOf(hub.url));

    // The reply went out exactly as typed: it carries text, never a template id.
    await widget.next((f) => f.type === 'message' && f.message.id === reply.id);
    const mine = (await anna.messages(threadId)).find((m) => m.id === reply.id);
    expect(mine).toMatchObject({ status: 'sent', text: 'Your parcel left our warehouse today. Tracking: RU123.' });

    // Inserting it again: refused by name, and the cached library no longer offers it.
    const refused = await failure(anna.call('templates.render', { templateId, threadId }));
    expect(refused?.code).toBe('template_deleted');
    expect(refused?.message).toContain('Parcel on its way');
    const after = await anna.call<RequestOutput<'templates.list'>>('templates.list');
    expect(after.templates.map((t) => t.id)).not.toContain(templateId);
    // Learning from that choice is skipped, not an error.
    expect(await anna.call('templates.chosen', { templateId, threadId })).toEqual({ recorded: false });
    // An edit of it saved now is refused by name too (the editor keeps the text to save as new).
    const edit = await failure(
      anna.call('templates.save', {
        id: templateId,
        scope: 'personal',
        title: 'Parcel on its way (edited)',
        bodies: [{ language: 'en', text: 'Edited offline.' }],
      }),
    );
    expect(edit?.code).toBe('template_deleted');
    expect(edit?.message).toContain('Parcel on its way (edited)');
    // A template that still exists, asked for a thread the hub does not know: a plain not_found.
    const unknownThread = await failure(
      anna.call('templates.render', { templateId: otherId, threadId: crypto.randomUUID() }),
    );
    expect(unknownThread?.code).toBe('not_found');
  });
});
