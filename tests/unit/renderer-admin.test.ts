import { describe, expect, it } from 'vitest';
import {
  byFolder,
  exportFileName,
  importFormatOf,
  issuesUnder,
  knownReason,
  placeProblem,
  placeProblems,
  previewTemplate,
  splitList,
} from '../../src/renderer/features/admin/adminForms.js';
import {
  canOpenAdminArea,
  currentTab,
  tabsFor,
  type AdminTab,
} from '../../src/renderer/features/admin/adminTabModel.js';

const Panel = () => null;
const TABS: AdminTab[] = [
  { id: 'groups', labelKey: 'admin.tabs.groups', component: Panel, roles: ['lead', 'admin'] },
  { id: 'library', labelKey: 'admin.tabs.library', component: Panel, roles: ['lead', 'admin'] },
  { id: 'adminOnly', labelKey: 'admin.tabs.autoReplies', component: Panel, roles: ['admin'] },
];

describe('the admin area registry', () => {
  it('opens only for leads and admins, and shows each role only its tabs', () => {
    expect(canOpenAdminArea('agent')).toBe(false);
    expect(canOpenAdminArea(undefined)).toBe(false);
    expect(canOpenAdminArea('lead')).toBe(true);
    expect(canOpenAdminArea('admin')).toBe(true);
    expect(tabsFor('agent', TABS)).toEqual([]);
    expect(tabsFor('lead', TABS).map((t) => t.id)).toEqual(['groups', 'library']);
    expect(tabsFor('admin', TABS).map((t) => t.id)).toEqual(['groups', 'library', 'adminOnly']);
  });

  it('falls back to the first tab when the selected one is not visible', () => {
    const tabs = tabsFor('lead', TABS);
    expect(currentTab(tabs, 'library')?.id).toBe('library');
    expect(currentTab(tabs, 'adminOnly')?.id).toBe('groups');
    expect(currentTab([], null)).toBeNull();
  });
});

describe('team-settings form helpers', () => {
  it('reads comma-separated lists', () => {
    expect(splitList(' cards, loans,, cards ,')).toEqual(['cards', 'loans']);
    expect(splitList('')).toEqual([]);
  });

  it('puts the hub’s issues under the rule or field they name', () => {
    const error = {
      code: 'bad_request' as const,
      message: 'invalid',
      issues: [
        { path: 'rules.1.texts.en', message: 'line 2, column 16: unknown variable "{thread.numbr}"' },
        { path: 'rules.10.name', message: 'name is empty' },
        { path: 'rules.1', message: 'whole rule' },
      ],
    };
    expect(issuesUnder(error, 'rules.1')).toEqual({
      'texts.en': 'line 2, column 16: unknown variable "{thread.numbr}"',
      '': 'whole rule',
    });
    expect(issuesUnder(error, 'rules.10')).toEqual({ name: 'name is empty' });
    expect(issuesUnder(null, 'rules.1')).toEqual({});
    expect(Object.keys(issuesUnder(error, ''))).toHaveLength(3);
  });

  it('splits a problem into its line, column and reason', () => {
    expect(placeProblem('line 2, column 16: unknown variable "{x}"')).toEqual({
      line: 2,
      column: 16,
      reason: 'unknown variable "{x}"',
    });
    expect(placeProblem('line 4: unterminated quoted field')).toEqual({
      line: 4,
      column: null,
      reason: 'unterminated quoted field',
    });
    expect(placeProblem('name is empty')).toEqual({ line: null, column: null, reason: 'name is empty' });
    expect(placeProblems('line 1, column 1: a; b; line 3, column 2: c')).toEqual([
      { line: 1, column: 1, reason: 'a; b' },
      { line: 3, column: 2, reason: 'c' },
    ]);
  });
});

describe('template problems the app says in its own language', () => {
  it('recognises each reason the template parser gives, and leaves others as they are', () => {
    const reasons = (text: string) => {
      const preview = previewTemplate(text, 'en', '', null);
      return preview.ok ? [] : preview.problems.map((p) => knownReason(p.reason));
    };
    expect(reasons('{customer.age}')).toEqual([{ key: 'unknownVariable', name: '{customer.age}' }]);
    expect(reasons('{customer.name')).toEqual([{ key: 'unclosed' }]);
    expect(reasons('oops }')).toEqual([{ key: 'strayClose' }]);
    expect(reasons('{ }')).toEqual([{ key: 'emptyVariable' }]);
    expect(reasons('{agent.name}')).toEqual([{ key: 'noValue', name: '{agent.name}' }]);
    expect(knownReason('name is empty')).toBeNull();
  });
});

describe('the template preview', () => {
  it('fills every variable from the sample thread', () => {
    const preview = previewTemplate(
      'Hello, {customer.firstName}! I am {agent.firstName}, #{thread.number} via {thread.channel}. {{ok}}',
      'en',
      'Lena Lead',
      'telegram',
    );
    expect(preview).toEqual({ ok: true, text: 'Hello, Anna! I am Lena, #1042 via Telegram. {ok}' });
    const ru = previewTemplate(
      'Здравствуйте, {customer.name}. Ждать около {queue.waitMinutes} мин.',
      'ru',
      'Лена',
      null,
    );
    expect(ru).toEqual({ ok: true, text: 'Здравствуйте, Анна Петрова. Ждать около 4 мин.' });
  });

  it('names an unknown variable and a stray brace with line and column, never rendering them', () => {
    const preview = previewTemplate('Hi!\nYour number is {thread.numbr}.\nBye }', 'en', 'Lena', null);
    expect(preview.ok).toBe(false);
    if (preview.ok) return;
    expect(preview.problems).toEqual([
      { line: 2, column: 16, reason: expect.stringMatching(/^unknown variable "\{thread\.numbr\}"/) },
      { line: 3, column: 5, reason: expect.stringMatching(/^a "\}" without its "\{"/) },
    ]);
  });

  it('says which variable has no value when the sample has none and there is no fallback', () => {
    const preview = previewTemplate('Hi {customer.firstName}', 'en', '', null);
    expect(preview.ok).toBe(true);
    const noAgent = previewTemplate('I am {agent.name}', 'en', '', null);
    expect(noAgent).toEqual({
      ok: false,
      problems: [{ line: null, column: null, reason: 'no value for {agent.name}' }],
    });
  });
});

describe('library files', () => {
  it('names exports by date and tells the import format from the file name', () => {
    expect(exportFileName('csv', Date.UTC(2026, 10, 25, 23, 59))).toBe('okno-templates-2026-11-25.csv');
    expect(importFormatOf('Library.JSON')).toBe('json');
    expect(importFormatOf('lib.csv')).toBe('csv');
    expect(importFormatOf('lib.xlsx')).toBeNull();
    expect(importFormatOf('csv')).toBeNull();
  });

  it('groups templates by folder, unnamed folder first, titles sorted', () => {
    const list = [
      { folder: 'Cards', title: 'Blocked' },
      { folder: '', title: 'Greeting' },
      { folder: 'Cards', title: 'Activate' },
    ];
    expect(byFolder(list)).toEqual([
      ['', [{ folder: '', title: 'Greeting' }]],
      [
        'Cards',
        [
          { folder: 'Cards', title: 'Activate' },
          { folder: 'Cards', title: 'Blocked' },
        ],
      ],
    ]);
  });
});
