/**
 * The register through the agent core's contract (decision 0035): every register request forwarded
 * to a real hub and back, checked against the contract both ways; a conflict keeps its code and
 * names who changed the complaint; offline, a request fails as hub_unreachable (nothing is cached).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { ADMIN_PASSWORD, closeAll, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';
import { customerWrites } from './hub-routing-support.js';
import { startAgent, type TestAgent } from './agent-harness.js';

let hub: Hub & { dataDir: string };
let lead: TestAgent;
let origin: Loose;
let widget: Parameters<typeof closeAll>[0];

beforeAll(async () => {
  hub = await startHub();
  const written = await customerWrites(hub.url, await login(hub.url), 'Hello, my card was charged twice', 'Olga');
  origin = written.thread;
  widget = written.widget;
  lead = await startAgent(hub.url, 'admin', ADMIN_PASSWORD);
});
afterAll(async () => {
  closeAll(widget);
  await lead?.close();
  await hub?.close();
  removeTempDirs();
});

async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await work;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected a refusal');
}

describe('the register through the core', () => {
  it('forwards every request and keeps a conflict’s code and words', async () => {
    const type = await lead.call<Loose>('register.saveType', {
      name: { en: 'Request', ru: 'Заявка' },
      fields: [{ id: 'amount', label: { en: 'Amount', ru: 'Сумма' }, kind: 'number', required: true }],
      deadlineDays: 2,
      ownerGroupId: null,
      customerMessages: {
        new: { en: '', ru: '' },
        in_progress: { en: 'Request #{number}: {status}', ru: '' },
        waiting_customer: { en: '', ru: '' },
        resolved: { en: '', ru: '' },
        closed: { en: '', ru: '' },
      },
    });
    expect((await lead.call<Loose>('register.types')).types.map((t: Loose) => t.id)).toEqual([type.id]);
    const calendar = await lead.call<Loose>('register.saveCalendar', { workingDays: [1, 2, 3, 4, 5, 6], holidays: [] });
    expect(calendar.workingDays).toEqual([1, 2, 3, 4, 5, 6]);
    expect((await lead.call<Loose>('register.calendar')).timeZone).toBe('UTC');

    const missing = await refusal(
      lead.call('register.create', {
        typeId: type.id,
        threadId: origin.id,
        customerId: null,
        subject: 'Charged twice',
      }),
    );
    expect(missing).toMatchObject({ code: 'bad_request', message: expect.stringContaining('"Amount" (amount)') });
    const complaint = await lead.call<Loose>('register.create', {
      typeId: type.id,
      threadId: origin.id,
      customerId: null,
      subject: 'Charged twice',
      fields: { amount: 12 },
    });
    expect(complaint).toMatchObject({ number: 1, originChannel: 'webchat', customerName: 'Olga' });

    const moved = await lead.call<Loose>('register.update', {
      id: complaint.id,
      baseVersion: 1,
      status: 'in_progress',
    });
    expect(moved.version).toBe(2);
    await widget.next((f) => f.type === 'message' && f.message.text === 'Request #1: in progress');
    const stale = await refusal(lead.call('register.update', { id: complaint.id, baseVersion: 1, subject: 'Other' }));
    expect(stale.code).toBe('conflict');
    expect(stale.message).toContain('Administrator');

    await lead.call('register.comment', { id: complaint.id, text: 'Called the processing centre' });
    const attached = await lead.call<Loose>('register.attach', {
      id: complaint.id,
      name: 'note.txt',
      mime: 'text/plain',
      dataBase64: Buffer.from('Выписка запрошена').toString('base64'),
    });
    const file = await lead.call<Loose>('register.file', { fileId: attached.complaint.files[0].id });
    expect(Buffer.from(file.dataBase64, 'base64').toString('utf8')).toBe('Выписка запрошена');
    const linked = await lead.call<Loose>('register.link', { id: complaint.id, threadId: origin.id });
    expect(linked.complaint.threadIds).toEqual([origin.id]);
    const detail = await lead.call<Loose>('register.get', { id: complaint.id });
    expect(detail.events.map((e: Loose) => e.kind)).toEqual([
      'created',
      'status',
      'customer_notified',
      'comment',
      'file',
    ]);

    const list = await lead.call<Loose>('register.list', { query: 'twice' });
    expect(list).toMatchObject({ total: 1, items: [{ id: complaint.id }] });
    const letter = await lead.call<Loose>('register.letter', { id: complaint.id, format: 'pdf' });
    expect(Buffer.from(letter.dataBase64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const exported = await lead.call<Loose>('register.export', { format: 'csv' });
    expect(Buffer.from(exported.dataBase64, 'base64').toString('utf8')).toContain('Charged twice');
    const today = new Date().toISOString().slice(0, 10);
    const report = await lead.call<Loose>('register.report', { from: today, to: today });
    expect(report.total).toEqual({ received: 1, resolved: 0, overdue: 0 });
  });

  it('says the hub is unreachable when offline, caching nothing', async () => {
    lead.offline();
    try {
      const error = await refusal(lead.call('register.list', {}));
      expect(error.code).toBe('hub_unreachable');
    } finally {
      lead.online();
    }
  });
});
