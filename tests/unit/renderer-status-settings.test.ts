/**
 * The Statuses tab's pure logic: editing the not-ready reasons (add, rename, remove) and the check
 * before saving, with each problem placed under its own field; the hub's issues placed the same way.
 */
import { describe, expect, it } from 'vitest';
import { AgentStatusSettings } from '../../src/shared/agentStatus/statusMachine.js';
import {
  addReason,
  checkStatusDraft,
  draftOf,
  hubProblems,
  removeReason,
  renameReason,
} from '../../src/renderer/features/admin/statuses/statusSettingsForm.js';

const draft = draftOf({ notReadyReasons: ['break', 'lunch'], afterCallWorkSeconds: 30 });

describe('editing the reasons', () => {
  it('adds an empty row, renames one in place and removes by position', () => {
    expect(draft).toEqual({ reasons: ['break', 'lunch'], acw: '30' });
    const added = renameReason(addReason(draft), 2, 'coaching');
    expect(added.reasons).toEqual(['break', 'lunch', 'coaching']);
    expect(renameReason(added, 0, 'pause').reasons).toEqual(['pause', 'lunch', 'coaching']);
    expect(removeReason(added, 1).reasons).toEqual(['break', 'coaching']);
    expect(draft.reasons).toEqual(['break', 'lunch']); // nothing edited in place
  });
});

describe('checking before saving', () => {
  it('gives the settings to send, trimmed, and 0 seconds turns after-call work off', () => {
    const checked = checkStatusDraft({ reasons: [' coaching ', 'lunch'], acw: '0' });
    expect(checked).toEqual({
      ok: true,
      settings: { notReadyReasons: ['coaching', 'lunch'], afterCallWorkSeconds: 0 },
    });
    // What the form sends is what the hub accepts.
    if (checked.ok) expect(AgentStatusSettings.safeParse(checked.settings).success).toBe(true);
  });

  it('names each bad reason under its own row: empty, wrong form, duplicate (the second one)', () => {
    const checked = checkStatusDraft({ reasons: ['lunch', '', 'Coffee Break', 'lunch'], acw: '30' });
    expect(checked).toEqual({
      ok: false,
      problems: { reasons: { 1: { key: 'empty' }, 2: { key: 'format' }, 3: { key: 'duplicate', reason: 'lunch' } } },
    });
  });

  it('needs at least one reason and at most 30', () => {
    expect(checkStatusDraft(removeReason(removeReason(draft, 0), 0))).toEqual({
      ok: false,
      problems: { reasons: {}, list: { key: 'none' } },
    });
    const many = Array.from({ length: 31 }, (_, i) => `r${i}`);
    expect(checkStatusDraft({ reasons: many, acw: '1' })).toEqual({
      ok: false,
      problems: { reasons: {}, list: { key: 'tooMany', max: 30 } },
    });
  });

  it.each(['', '-1', '3601', '1.5', 'ten', '1e3'])('refuses %j seconds of after-call work', (acw) => {
    expect(checkStatusDraft({ reasons: ['lunch'], acw })).toEqual({
      ok: false,
      problems: { reasons: {}, acw: { key: 'acw', max: 3600 } },
    });
  });

  it('accepts the bounds 0 and 3600', () => {
    expect(checkStatusDraft({ reasons: ['lunch'], acw: '3600' }).ok).toBe(true);
    expect(checkStatusDraft({ reasons: ['lunch'], acw: ' 0 ' }).ok).toBe(true);
  });
});

describe("the hub's issues", () => {
  it('land under the reason, the list or the seconds they name', () => {
    const problems = hubProblems({
      code: 'bad_request',
      message: 'routing settings: …',
      issues: [
        { path: 'notReadyReasons.2', message: '"lunch" is listed twice' },
        { path: 'notReadyReasons', message: 'too small' },
        { path: 'afterCallWorkSeconds', message: 'too big' },
        { path: 'topics', message: 'not ours' },
      ],
    });
    expect(problems).toEqual({
      reasons: { 2: { key: 'hub', message: '"lunch" is listed twice' } },
      list: { key: 'hub', message: 'too small' },
      acw: { key: 'hub', message: 'too big' },
    });
    expect(hubProblems(null)).toEqual({ reasons: {} });
  });
});
