/**
 * The Lines and Blocklist tabs' pure logic: a line as the lead edits it (steps added, renamed,
 * removed with what pointed at them), the check before saving with every menu problem under the
 * step it names (menuProblems, as the hub runs it), the hub's issues placed the same way, and the
 * blocklist's add form.
 */
import { describe, expect, it } from 'vitest';
import { BlockInput } from '../../src/shared/calls/blocklist.js';
import { ServiceLineInput, type ServiceLine } from '../../src/shared/calls/serviceLine.js';
import { uuidv7 } from '../../src/shared/ids.js';
import {
  addOption,
  addStep,
  checkLineDraft,
  draftOf,
  editOption,
  editStep,
  hubProblems,
  menuReason,
  removeStep,
  renameStep,
  simpleHours,
  type LineDraft,
} from '../../src/renderer/features/admin/lines/lineForm.js';
import {
  checkBlockDraft,
  emptyBlock,
  endOfDay,
  hubProblems as blockHubProblems,
} from '../../src/renderer/features/admin/blocklist/blockForm.js';

const prompts = ['menu_main', 'opening_hours', 'goodbye'];
const hasPrompt = (prompt: string) => prompts.includes(prompt);

function basic(): LineDraft {
  return { ...draftOf(null, 'Europe/Moscow'), number: '+74951234567', name: 'Cards' };
}

/** main (ask: 1 → info, 2 → agents) → info (say → next) and agents (queue). */
function withMenu(infoNext: string): LineDraft {
  let draft = addStep(addStep(addStep(basic())));
  draft = renameStep(renameStep(renameStep(draft, 0, 'main'), 1, 'info'), 2, 'agents');
  draft = editStep(draft, 0, { kind: 'ask', prompt: 'menu_main' });
  draft = editOption(addOption(draft, 0), 0, 0, { to: 'info' });
  draft = editOption(addOption(draft, 0), 0, 1, { to: 'agents' });
  return editStep(draft, 1, { kind: 'say', prompt: 'opening_hours', next: infoNext });
}

describe('a new line', () => {
  it('starts always open, no menu, callback on 1; saved as the hub reads it', () => {
    const checked = checkLineDraft(basic(), hasPrompt);
    expect(checked).toEqual({
      ok: true,
      line: {
        number: '+74951234567',
        name: 'Cards',
        language: 'ru',
        hours: null,
        menu: null,
        groupId: null,
        maxWaitSeconds: 300,
        announceEverySeconds: 45,
        overflow: { kind: 'callback', digit: '1' },
        // A new line records nothing until the lead says so (issue 16).
        recording: { policy: 'none', notice: false, retentionDays: 90 },
      },
    });
    if (checked.ok) expect(ServiceLineInput.parse(checked.line)).toEqual(checked.line);
  });

  it('names each bad field: number, name, waits, overflow key or group', () => {
    const draft = { ...basic(), number: '12-34', name: ' ', maxWait: '5', announce: 'soon', overflowDigit: '12' };
    expect(checkLineDraft(draft, hasPrompt)).toEqual({
      ok: false,
      problems: {
        fields: {
          number: { key: 'number' },
          name: { key: 'empty' },
          maxWait: { key: 'range', min: 10, max: 3600 },
          announce: { key: 'range', min: 10, max: 600 },
          overflowDigit: { key: 'digit' },
        },
        steps: {},
        other: [],
      },
    });
    const toGroup = checkLineDraft({ ...basic(), overflow: 'group' }, hasPrompt);
    expect(toGroup.ok ? null : toGroup.problems.fields).toEqual({ overflowGroupId: { key: 'pickGroup' } });
  });

  it('turns days and a from–to into a week of one interval each, in the time zone', () => {
    const draft = { ...basic(), hours: 'weekly' as const, days: [1, 3], opens: '09:30', closes: '00:00' };
    const checked = checkLineDraft(draft, hasPrompt);
    const hours = checked.ok ? checked.line.hours : null;
    expect(hours).toEqual({
      utcOffsetMinutes: 0,
      timeZone: 'Europe/Moscow',
      week: [[], [[570, 1440]], [], [[570, 1440]], [], [], []],
    });
    // …and reads back as the same draft.
    const line: ServiceLine = {
      ...ServiceLineInput.parse({ number: '+7495', name: 'x', hours }),
      id: uuidv7(),
      updatedAt: 1,
    };
    expect(draftOf(line, 'UTC')).toMatchObject({ hours: 'weekly', days: [1, 3], opens: '09:30', closes: '00:00' });
  });

  it('tells when a saved schedule is more than days and one from–to (the form would simplify it)', () => {
    const week = (...days: [number, number][][]) => ({
      utcOffsetMinutes: 0,
      week: [...days, ...Array(7 - days.length).fill([])],
    });
    expect(simpleHours(null)).toBe(true);
    expect(simpleHours(week([], [[540, 1080]], [[540, 1080]]))).toBe(true);
    expect(simpleHours(week([], [[540, 1080]], [[600, 1080]]))).toBe(false);
    expect(
      simpleHours(
        week([
          [540, 720],
          [780, 1080],
        ]),
      ),
    ).toBe(false);
  });

  it('refuses a schedule with no day, closing before opening, or an unknown zone', () => {
    const draft = {
      ...basic(),
      hours: 'weekly' as const,
      days: [],
      opens: '18:00',
      closes: '09:00',
      timeZone: 'Mars/Olympus',
    };
    const checked = checkLineDraft(draft, hasPrompt);
    expect(checked.ok ? null : checked.problems.fields).toEqual({
      days: { key: 'days' },
      closes: { key: 'order' },
      timeZone: { key: 'timeZone' },
    });
  });
});

describe('editing the menu', () => {
  it('renames a step everywhere it is named and clears what pointed at a removed one', () => {
    const draft = withMenu('agents');
    expect(draft.start).toBe('main');
    const renamed = renameStep(draft, 2, 'cards');
    expect(renamed.steps[0]?.options.map((o) => o.to)).toEqual(['info', 'cards']);
    expect(renamed.steps[1]?.next).toBe('cards');
    const removed = removeStep(renamed, 2);
    expect(removed.steps.map((s) => s.id)).toEqual(['main', 'info']);
    expect(removed.steps[0]?.options.map((o) => o.to)).toEqual(['info', '']);
    expect(removed.steps[1]?.next).toBe('');
    expect(removeStep(removed, 0).start).toBe('info');
  });

  it('gives new steps and options free ids and keys', () => {
    const draft = addOption(addOption(withMenu(''), 0), 0);
    expect(draft.steps[0]?.options.map((o) => o.key)).toEqual(['1', '2', '3', '4']);
    expect(addStep(draft).steps.at(-1)?.id).toBe('step4');
  });
});

describe('checking the menu', () => {
  it('sends a menu without loops as the hub reads it', () => {
    const checked = checkLineDraft(withMenu(''), hasPrompt);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.line.menu).toEqual({
      start: 'main',
      nodes: {
        main: {
          kind: 'ask',
          prompt: 'menu_main',
          options: { '1': 'info', '2': 'agents' },
          timeoutSeconds: 5,
          repeats: 2,
          fallback: null,
        },
        info: { kind: 'say', prompt: 'opening_hours', next: null },
        agents: { kind: 'queue', groupId: null, topic: null },
      },
    });
    expect(ServiceLineInput.parse(checked.line)).toEqual(checked.line);
  });

  it('puts a loop under the step menuProblems names', () => {
    const checked = checkLineDraft(withMenu('main'), hasPrompt);
    expect(checked).toEqual({
      ok: false,
      problems: { fields: {}, steps: { 0: { fields: {}, step: [{ key: 'loop', step: 'main' }] } }, other: [] },
    });
  });

  it('puts an unknown prompt, a question without options and an unreachable step under their steps', () => {
    let draft = editStep(withMenu(''), 1, { prompt: 'gone' });
    draft = addStep(draft);
    draft = editStep(renameStep(draft, 3, 'lost'), 3, { kind: 'ask', prompt: 'goodbye' });
    const checked = checkLineDraft(draft, hasPrompt);
    expect(checked.ok ? null : checked.problems.steps).toEqual({
      1: { fields: {}, step: [{ key: 'unknownPrompt', step: 'info', prompt: 'gone' }] },
      3: {
        fields: {},
        step: [
          { key: 'noOptions', step: 'lost' },
          { key: 'unreachable', step: 'lost', start: 'main' },
        ],
      },
    });
  });

  it('names step fields first: bad or duplicate ids, keys, a missing target or prompt, out-of-range numbers', () => {
    let draft = renameStep(withMenu(''), 2, 'Info');
    draft = editOption(draft, 0, 1, { key: '1', to: '' });
    draft = editStep(draft, 0, { timeout: '0', repeats: '9' });
    draft = editStep(draft, 1, { prompt: '' });
    const checked = checkLineDraft(draft, hasPrompt);
    expect(checked.ok ? null : checked.problems.steps).toEqual({
      0: {
        fields: {
          options: { key: 'duplicateKey', digit: '1' },
          timeout: { key: 'range', min: 1, max: 60 },
          repeats: { key: 'range', min: 0, max: 5 },
        },
        step: [],
      },
      1: { fields: { prompt: { key: 'pickPrompt' } }, step: [] },
      2: { fields: { id: { key: 'stepId' } }, step: [] },
    });
  });
});

describe("the hub's refusals", () => {
  it('reads menuProblems sentences back into keys, the hub’s own words otherwise', () => {
    expect(menuReason('step "main" leads back to itself; a menu may not loop')).toEqual({ key: 'loop', step: 'main' });
    expect(menuReason('the first step "x" does not exist')).toEqual({ key: 'missingStart', step: 'x' });
    expect(menuReason('step "a" leads to "b", which does not exist')).toEqual({
      key: 'missingStep',
      step: 'a',
      target: 'b',
    });
    expect(menuReason('number taken')).toEqual({ key: 'hub', message: 'number taken' });
  });

  it('places issues under fields and steps, by path or by the step the sentence names', () => {
    const draft = withMenu('main');
    const problems = hubProblems(
      {
        code: 'bad_request',
        message: 'refused',
        issues: [
          { path: 'number', message: 'a line with this number exists' },
          { path: 'maxWaitSeconds', message: 'too long' },
          { path: 'menu', message: 'step "main" leads back to itself; a menu may not loop' },
          { path: 'menu.nodes.info.prompt', message: 'unknown prompt' },
          { path: 'menu.nodes.nowhere', message: 'the first step "nowhere" does not exist' },
          { path: 'hours.week', message: 'bad week' },
          { path: 'somethingElse', message: 'odd' },
        ],
      },
      draft,
    );
    expect(problems).toEqual({
      fields: {
        number: { key: 'hub', message: 'a line with this number exists' },
        maxWait: { key: 'hub', message: 'too long' },
        days: { key: 'hub', message: 'bad week' },
        start: { key: 'missingStart', step: 'nowhere' },
      },
      steps: {
        0: { fields: {}, step: [{ key: 'loop', step: 'main' }] },
        1: { fields: { prompt: { key: 'hub', message: 'unknown prompt' } }, step: [] },
      },
      other: [{ key: 'hub', message: 'odd' }],
    });
  });
});

describe('the blocklist form', () => {
  const now = new Date(2026, 5, 10, 12).getTime();

  it('sends the block, trimmed; an expiry day ends at the next local midnight', () => {
    const checked = checkBlockDraft({ kind: 'phone', value: ' +7 999 ', reason: ' spam ', expires: '2026-06-30' }, now);
    expect(checked).toEqual({
      ok: true,
      block: { kind: 'phone', value: '+7 999', reason: 'spam', expiresAt: new Date(2026, 6, 1).getTime() },
    });
    if (checked.ok) expect(BlockInput.parse(checked.block)).toEqual(checked.block);
    expect(checkBlockDraft({ ...emptyBlock(), value: 'x', reason: 'y' }, now)).toMatchObject({
      ok: true,
      block: { expiresAt: null },
    });
  });

  it('names an empty value or reason, a bad date and a day already over', () => {
    expect(checkBlockDraft({ ...emptyBlock(), expires: '2026-02-30' }, now)).toEqual({
      ok: false,
      problems: { value: { key: 'empty' }, reason: { key: 'empty' }, expires: { key: 'date' } },
    });
    expect(checkBlockDraft({ kind: 'vk', value: 'id1', reason: 'abuse', expires: '2026-06-09' }, now)).toEqual({
      ok: false,
      problems: { expires: { key: 'past' } },
    });
    expect(endOfDay('soon')).toBeNull();
  });

  it('places the hub’s issues under the fields', () => {
    expect(
      blockHubProblems({
        code: 'bad_request',
        message: 'refused',
        issues: [
          { path: 'value', message: 'not a phone number' },
          { path: 'expiresAt', message: 'in the past' },
          { path: 'x', message: 'odd' },
        ],
      }),
    ).toEqual({
      value: { key: 'hub', message: 'not a phone number' },
      expires: { key: 'hub', message: 'in the past' },
      other: { key: 'hub', message: 'odd' },
    });
  });
});
