import { describe, expect, it } from 'vitest';
import { menuProblems, VoiceMenu } from '../../src/shared/calls/voiceMenu.js';
import { nextStep, startMenu } from '../../src/shared/calls/menuWalk.js';

const shipped = new Set(['menu_main', 'opening_hours', 'welcome']);
const known = (prompt: string) => shipped.has(prompt);

const bank = VoiceMenu.parse({
  start: 'main',
  nodes: {
    main: { kind: 'ask', prompt: 'menu_main', options: { '1': 'cards', '2': 'loans', '3': 'hours' }, repeats: 1 },
    cards: { kind: 'queue', topic: 'cards' },
    loans: { kind: 'queue', topic: 'loans' },
    hours: { kind: 'say', prompt: 'opening_hours' },
  },
});

describe('voice menu checks', () => {
  it('accepts a menu whose every path ends in the queue or a goodbye', () => {
    expect(menuProblems(bank, known)).toEqual([]);
  });

  it('refuses a loop, naming the step it closes on', () => {
    const looped = VoiceMenu.parse({
      start: 'main',
      nodes: {
        main: { kind: 'ask', prompt: 'menu_main', options: { '1': 'info' } },
        info: { kind: 'say', prompt: 'opening_hours', next: 'main' },
      },
    });
    const problems = menuProblems(looped, known);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ node: 'main' });
    expect(problems[0]?.message).toContain('leads back to itself');
  });

  it('names a missing prompt, a missing step, an empty question and an unreachable step', () => {
    const broken = VoiceMenu.parse({
      start: 'main',
      nodes: {
        main: { kind: 'ask', prompt: 'no_such_prompt', options: { '1': 'ghost' } },
        empty: { kind: 'ask', prompt: 'menu_main', options: {} },
      },
    });
    const problems = menuProblems(broken, known);
    expect(problems.map((p) => p.node).sort()).toEqual(['empty', 'empty', 'main', 'main']);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/no_such_prompt.*not a known prompt/);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/"ghost", which does not exist/);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/"empty" cannot be reached/);
  });

  it('names a start step that does not exist', () => {
    const problems = menuProblems(VoiceMenu.parse({ start: 'nowhere', nodes: {} }), known);
    expect(problems).toEqual([{ node: 'nowhere', message: 'the first step "nowhere" does not exist' }]);
  });

  it('refuses ids and keys that are not what a lead can type', () => {
    expect(VoiceMenu.safeParse({ start: 'Main Menu', nodes: {} }).success).toBe(false);
    expect(
      VoiceMenu.safeParse({ start: 'm', nodes: { m: { kind: 'ask', prompt: 'menu_main', options: { '12': 'm' } } } })
        .success,
    ).toBe(false);
  });
});

describe('walking a caller through the menu', () => {
  it('asks first, then follows the key to the queue with its topic', () => {
    const first = startMenu(bank);
    expect(first).toMatchObject({ do: 'ask', prompt: 'menu_main', at: { node: 'main', tries: 0 } });
    const next = nextStep(bank, first.at, { kind: 'digit', digit: '2' });
    expect(next).toMatchObject({ do: 'queue', topic: 'loans' });
  });

  it('says "not an option" and asks again for a wrong key, then falls back to the queue', () => {
    const first = startMenu(bank);
    const again = nextStep(bank, first.at, { kind: 'digit', digit: '9' });
    expect(again).toMatchObject({ do: 'ask', before: ['invalid'], at: { node: 'main', tries: 1 } });
    const silent = nextStep(bank, again!.at, { kind: 'timeout' });
    expect(silent).toMatchObject({ do: 'queue', groupId: null, topic: null });
  });

  it('asks again after silence with "we did not hear your choice"', () => {
    const again = nextStep(bank, startMenu(bank).at, { kind: 'timeout' });
    expect(again).toMatchObject({ do: 'ask', before: ['no_choice'] });
  });

  it('ends self-service after its announcement, and ignores keys pressed while it plays', () => {
    const hours = nextStep(bank, startMenu(bank).at, { kind: 'digit', digit: '3' });
    expect(hours).toMatchObject({ do: 'say', prompt: 'opening_hours' });
    expect(nextStep(bank, hours!.at, { kind: 'digit', digit: '1' })).toBeNull();
    expect(nextStep(bank, hours!.at, { kind: 'said' })).toMatchObject({ do: 'hangup' });
  });
});
