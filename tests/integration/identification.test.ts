/**
 * Identification, commercial data gating, the bank adapter and the desk audit on a real hub (decision
 * 0031): real HTTP, a real SQLite file seeded with the hub's own repositories, and the sample bank
 * adapter as a real server that can also hang or answer garbage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_IDENTIFICATION_SETTINGS,
  type IdentificationSettings,
} from '../../src/shared/customers/identification.js';
import {
  startSampleBankAdapter,
  SAMPLE_LEAKED_PAN,
  type SampleBankAdapter,
} from '../../src/server/bank/sampleBankAdapter.js';
import { sampleProducts } from '../../src/server/bank/sampleProducts.js';
import type { HubStore } from '../../src/server/storage/hubStore.js';
import { logCall, openSeedStore, seedCustomerOf } from '../support/deskSeed.js';
import { api, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';

const CODE_WORD = 'Рябина';
const PAN = '4276 3800 1234 5679';
const ACCOUNT = '40817810099910004312';
const BANK_TOKEN = 'bank-token-for-tests';

let hub: Awaited<ReturnType<typeof startHub>>;
let seed: HubStore;
let bank: SampleBankAdapter;
let admin: string;
let lead: string;
let agent: string;
let thread1: string;
let thread2: string;
let customerId: string;

async function addAgent(loginName: string, role: 'agent' | 'lead'): Promise<string> {
  const reply = await api(hub.url, '/api/v1/agents', {
    token: admin,
    json: { login: loginName, name: loginName.toUpperCase(), password: `${loginName}-password`, role },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return login(hub.url, loginName, `${loginName}-password`);
}

const as = (token: string, route: string, init: { method?: string; json?: unknown } = {}) =>
  api(hub.url, route, { token, ...init });
const answer = (token: string, threadId: string, body: unknown) =>
  as(token, `/api/v1/identification/threads/${threadId}/answers`, { json: body });

const SETTINGS: IdentificationSettings = {
  ...DEFAULT_IDENTIFICATION_SETTINGS,
  questions: DEFAULT_IDENTIFICATION_SETTINGS.questions.map((q) => ({ ...q, enabled: q.kind !== 'address' })),
  required: 3,
  maxFailedAttempts: 3,
  lockMinutes: 15,
};

beforeAll(async () => {
  hub = await startHub();
  admin = await login(hub.url);
  lead = await addAgent('lena', 'lead');
  agent = await addAgent('anna', 'agent');
  seed = openSeedStore(hub.dataDir);
  bank = await startSampleBankAdapter({ token: BANK_TOKEN });
  thread1 = await logCall(hub.url, agent, '+79161230001');
  customerId = seedCustomerOf(seed, thread1, {
    name: 'Olga Petrova',
    externalId: 'C-1001',
    birthDate: '1985-04-12',
    address: 'Moscow, Tverskaya 1',
    codeWord: CODE_WORD,
    passport: '45 06 123456',
    card: PAN,
    account: ACCOUNT,
  });
  thread2 = await logCall(hub.url, agent, '+79161230001', customerId);
  expect(seed.threads.byId(thread2)?.customerId).toBe(customerId);
});

afterAll(async () => {
  await bank?.close();
  seed?.close();
  await hub?.close();
  removeTempDirs();
});

describe('identification settings and the adapter (leads only)', () => {
  it('agents cannot read or change the settings, the adapter or the audit; leads can', async () => {
    expect((await as(agent, '/api/v1/identification/settings')).status).toBe(403);
    expect((await as(agent, '/api/v1/identification/settings', { method: 'PUT', json: SETTINGS })).status).toBe(403);
    expect((await as(agent, '/api/v1/bank-adapter', { method: 'PUT', json: { url: bank.url } })).status).toBe(403);
    expect((await as(agent, '/api/v1/desk-audit?from=0&to=9999999999999')).status).toBe(403);
    const defaults = await as(lead, '/api/v1/identification/settings');
    expect(defaults.status).toBe(200);
    expect(defaults.body.required).toBe(DEFAULT_IDENTIFICATION_SETTINGS.required);
    const saved = await as(lead, '/api/v1/identification/settings', { method: 'PUT', json: SETTINGS });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toEqual(SETTINGS);
  });

  it('refuses settings that cannot be met, naming the field', async () => {
    const reply = await as(lead, '/api/v1/identification/settings', {
      method: 'PUT',
      json: { ...SETTINGS, required: 6 },
    });
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('6 questions must pass but only 5 are enabled');
  });

  it('keeps the adapter token sealed: it goes in and never comes back', async () => {
    const reply = await as(lead, '/api/v1/bank-adapter', {
      method: 'PUT',
      json: { url: bank.url, token: BANK_TOKEN, timeoutMs: 1000 },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toEqual({ url: bank.url, tokenSet: true, timeoutMs: 1000 });
    const read = await as(lead, '/api/v1/bank-adapter');
    expect(JSON.stringify(read.body)).not.toContain(BANK_TOKEN);
    const stored = seed.db.prepare('SELECT * FROM bank_adapter').get();
    expect(JSON.stringify(stored)).not.toContain(BANK_TOKEN);
    // Moving the adapter needs its token again: a stored token never goes to a new address.
    const moved = await as(lead, '/api/v1/bank-adapter', {
      method: 'PUT',
      json: { url: 'http://127.0.0.1:9/elsewhere', timeoutMs: 1000 },
    });
    expect(moved.status).toBe(400);
    expect(moved.body.error.issues[0].path).toBe('token');
    expect((await as(lead, '/api/v1/bank-adapter')).body.url).toBe(bank.url);
    const kept = await as(lead, '/api/v1/bank-adapter', { method: 'PUT', json: { url: bank.url, timeoutMs: 1000 } });
    expect(kept.body).toEqual({ url: bank.url, tokenSet: true, timeoutMs: 1000 });
    const bad = await as(lead, '/api/v1/bank-adapter', { method: 'PUT', json: { url: 'ftp://bank' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('adapter address must start with http:// or https://');
  });
});

describe('identification gates commercial data for one contact', () => {
  it("refuses a contact outside the agent's reach", async () => {
    const boris = await addAgent('boris', 'agent');
    const reply = await as(boris, `/api/v1/identification/threads/${thread1}`);
    expect(reply.status).toBe(403);
    expect(reply.body.error.message).toMatch(/thread #\d+ is not in your reach/);
    expect((await answer(boris, thread1, { questionId: 'full-name', verdict: 'pass' })).status).toBe(403);
  });

  it('hides commercial data before identification', async () => {
    for (const part of ['commercial', 'products']) {
      const reply = await as(agent, `/api/v1/identification/threads/${thread1}/${part}`);
      expect(reply.status).toBe(403);
      expect(reply.body.error.message).toContain('not identified');
    }
  });

  it('shows references only for what is not secret, and checks the code word on the hub', async () => {
    const state = await as(agent, `/api/v1/identification/threads/${thread1}`);
    expect(state.status).toBe(200);
    expect(state.body.status).toBe('open');
    const byId = Object.fromEntries(state.body.questions.map((q: Loose) => [q.id, q]));
    expect(byId['full-name']).toMatchObject({ check: 'agent', reference: 'Olga Petrova', available: true });
    expect(byId['birth-date']).toMatchObject({ check: 'agent', reference: '1985-04-12' });
    expect(byId['code-word']).toMatchObject({ check: 'hub', reference: null, available: true });
    expect(byId['passport']).toMatchObject({ check: 'hub', reference: null });
    expect(byId['card-last4']).toMatchObject({ check: 'hub', reference: null });

    // An agent cannot mark a secret passed, nor type an answer for a question they mark.
    expect((await answer(agent, thread1, { questionId: 'code-word', verdict: 'pass' })).status).toBe(400);
    expect((await answer(agent, thread1, { questionId: 'full-name', answer: 'Olga' })).status).toBe(400);
    // A malformed passport is the agent's typo, refused and not counted.
    const typo = await answer(agent, thread1, { questionId: 'passport', answer: '45 06 12' });
    expect(typo.status).toBe(400);
    expect(typo.body.error.message).toContain('passport must be a 4-digit series and a 6-digit number');

    const wrong = await answer(agent, thread1, { questionId: 'code-word', answer: 'Берёза' });
    expect(wrong.status).toBe(200);
    expect(wrong.body).toMatchObject({ status: 'open', passed: 0, failed: 1, lastOutcome: 'answered' });
    const text = JSON.stringify(wrong.body);
    expect(text).not.toMatch(/hmac1|Рябина|Берёза/);

    await answer(agent, thread1, { questionId: 'full-name', verdict: 'pass' });
    const two = await answer(agent, thread1, { questionId: 'birth-date', verdict: 'pass' });
    expect(two.body).toMatchObject({ status: 'open', passed: 2, failed: 1 });
    expect((await answer(agent, thread1, { questionId: 'birth-date', verdict: 'pass' })).status).toBe(409);
    const done = await answer(agent, thread1, { questionId: 'passport', answer: '4506 123456' });
    expect(done.body).toMatchObject({ status: 'identified', passed: 3, lastOutcome: 'passed' });
    expect(done.body.identifiedAt).toEqual(expect.any(Number));
  });

  it('opens full documents and the bank products for this contact only', async () => {
    // A complaint in progress of this customer (the register, decision 0035) is part of the commercial view.
    const type = await api(hub.url, '/api/v1/register/types', {
      method: 'PUT',
      token: admin,
      json: { name: { en: 'Complaint', ru: 'Жалоба' }, fields: [], deadlineDays: 5, ownerGroupId: null },
    });
    const complaint = await api(hub.url, '/api/v1/register/complaints', {
      token: admin,
      json: { typeId: type.body.id, threadId: null, customerId, subject: 'Card fee charged twice', fields: {} },
    });
    expect(complaint.status).toBe(200);
    const commercial = await as(agent, `/api/v1/identification/threads/${thread1}/commercial`);
    expect(commercial.status).toBe(200);
    expect(commercial.body.documents).toEqual(
      expect.arrayContaining([
        { kind: 'passport', shown: '45 06 123456', revealed: true },
        { kind: 'account', shown: '40817 810 0 9991 0004312', revealed: true },
        { kind: 'card', shown: '**** 5679', revealed: false },
      ]),
    );
    expect(commercial.body.complaints).toEqual([
      {
        id: complaint.body.id,
        subject: '#1 Card fee charged twice',
        openedAt: complaint.body.createdAt,
        status: 'new',
      },
    ]);

    const products = await as(agent, `/api/v1/identification/threads/${thread1}/products`);
    expect(products.status).toBe(200);
    expect(products.body.state).toBe('ok');
    expect(products.body.products).toEqual(sampleProducts('C-1001'));

    // The same customer on another thread: not identified there.
    expect((await as(agent, `/api/v1/identification/threads/${thread2}/commercial`)).status).toBe(403);
    expect((await as(agent, `/api/v1/identification/threads/${thread2}/products`)).status).toBe(403);
    const other = await as(agent, `/api/v1/identification/threads/${thread2}`);
    expect(other.body).toMatchObject({ status: 'open', passed: 0 });

    for (const reply of [commercial, products])
      expect(JSON.stringify(reply.body).replace(/\s/g, '')).not.toContain(PAN.replace(/\s/g, ''));
  });

  it('locks identification after too many failed rounds and says until when', async () => {
    for (let round = 1; round <= 3; round++) {
      // Five questions can be asked and three must pass: the third failure ends the round.
      await answer(agent, thread2, { questionId: 'code-word', answer: 'wrong' });
      const open = await answer(agent, thread2, { questionId: 'full-name', verdict: 'fail' });
      expect(open.body).toMatchObject({ status: 'open', failed: 2, lastOutcome: 'answered' });
      const failed = await answer(agent, thread2, { questionId: 'birth-date', verdict: 'fail' });
      expect(failed.status).toBe(200);
      expect(failed.body.lastOutcome).toBe(round < 3 ? 'round_failed' : 'locked');
      expect(failed.body.failedAttempts).toBe(round);
    }
    const before = Date.now();
    const locked = await answer(agent, thread2, { questionId: 'code-word', answer: CODE_WORD });
    expect(locked.status).toBe(200);
    expect(locked.body).toMatchObject({ status: 'locked', lastOutcome: 'locked', passed: 0 });
    expect(locked.body.lockedUntil).toBeGreaterThan(before + 14 * 60_000);
    expect(locked.body.lockedUntil).toBeLessThanOrEqual(before + 15 * 60_000 + 1000);
    // The lock is the customer's: a new contact cannot start either, but thread 1 stays identified.
    const thread3 = await logCall(hub.url, agent, '+79161230001', customerId);
    expect((await as(agent, `/api/v1/identification/threads/${thread3}`)).body.status).toBe('locked');
    expect((await as(agent, `/api/v1/identification/threads/${thread1}`)).body.status).toBe('identified');
  });
});

describe('the bank adapter never blocks the screen', () => {
  const products = () => as(agent, `/api/v1/identification/threads/${thread1}/products`);

  it('names a bank that hangs, answers garbage, the wrong shape or an error', async () => {
    try {
      bank.setMode('hang');
      const hung = await products();
      expect(hung.body).toEqual({ state: 'unreachable', reason: 'no answer within 1 s' });
      bank.setMode('garbage');
      expect((await products()).body).toEqual({ state: 'unreadable', reason: 'the answer is not JSON' });
      bank.setMode('wrong_shape');
      const shape = await products();
      expect(shape.body.state).toBe('unreadable');
      expect(shape.body.reason).toContain('accounts');
      bank.setMode('error');
      expect((await products()).body).toEqual({ state: 'unreachable', reason: 'the bank system answered HTTP 500' });
    } finally {
      bank.setMode('ok');
    }
  });

  it('cuts a full card number the bank sends to its last four digits', async () => {
    try {
      bank.setMode('pan');
      const reply = await products();
      expect(reply.body.state).toBe('ok');
      expect(JSON.stringify(reply.body)).not.toContain(SAMPLE_LEAKED_PAN);
      expect(JSON.stringify(reply.body)).not.toContain('4111 1111 1111 1111');
      expect(reply.body.products.cards[0].name).toBe('Card **** 1111');
      expect(reply.body.products.cards[0]).not.toHaveProperty('pan');
    } finally {
      bank.setMode('ok');
    }
  });

  it('says when the token is refused or the adapter is off', async () => {
    await as(lead, '/api/v1/bank-adapter', { method: 'PUT', json: { url: bank.url, token: 'wrong', timeoutMs: 1000 } });
    expect((await products()).body).toEqual({
      state: 'unreachable',
      reason: "the bank system refused the hub's token (HTTP 401)",
    });
    await as(lead, '/api/v1/bank-adapter', { method: 'PUT', json: { url: '', timeoutMs: 1000 } });
    expect((await products()).body).toEqual({ state: 'not_configured' });
    await as(lead, '/api/v1/bank-adapter', {
      method: 'PUT',
      json: { url: bank.url, token: BANK_TOKEN, timeoutMs: 1000 },
    });
    expect((await products()).body.state).toBe('ok');
  });
});

describe('the desk audit', () => {
  it('holds every step, readable and exportable by leads, the export itself audited', async () => {
    const reply = await as(lead, `/api/v1/desk-audit?from=0&to=${Date.now() + 1000}&customerId=${customerId}`);
    expect(reply.status).toBe(200);
    const entries: Loose[] = reply.body.entries;
    const actions = entries.map((e) => e.action);
    expect(actions.filter((a) => a === 'identification.attempt').length).toBe(4 + 9);
    expect(actions).toContain('identification.passed');
    expect(actions.filter((a) => a === 'identification.failed').length).toBe(3);
    expect(actions).toContain('identification.locked');
    expect(actions).toContain('identification.refused');
    expect(actions).toContain('commercial.opened');
    const attempt = entries.find((e) => e.action === 'identification.attempt' && e.detail.question === 'code-word');
    expect(attempt).toMatchObject({
      agentName: 'ANNA',
      customerName: 'Olga Petrova',
      threadId: expect.any(String),
      threadNumber: expect.any(Number),
    });
    expect(attempt.detail).toMatchObject({ kind: 'code_word', checkedBy: 'hub' });
    const text = JSON.stringify(reply.body);
    expect(text).not.toMatch(/Рябина|Берёза|hmac1|4506123456|45 06 123456/);
    expect(text.replace(/\s/g, '')).not.toContain(PAN.replace(/\s/g, ''));

    const agentFilter = await as(
      lead,
      `/api/v1/desk-audit?from=0&to=${Date.now() + 1000}&agentId=${reply.body.entries[0].agentId}`,
    );
    expect(agentFilter.body.entries.every((e: Loose) => e.agentId === reply.body.entries[0].agentId)).toBe(true);

    const exported = await as(lead, '/api/v1/desk-audit/export', {
      json: { from: 0, to: Date.now() + 1000, format: 'xlsx' },
    });
    expect(exported.status).toBe(200);
    expect(exported.body.entries.length).toBeGreaterThan(10);
    const after = await as(lead, `/api/v1/desk-audit?from=0&to=${Date.now() + 1000}`);
    expect(after.body.entries[0]).toMatchObject({
      action: 'audit.exported',
      agentName: 'LENA',
      detail: { format: 'xlsx' },
    });
    expect((await as(agent, '/api/v1/desk-audit/export', { json: { from: 0, to: 1, format: 'csv' } })).status).toBe(
      403,
    );
  });
});
