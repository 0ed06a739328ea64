import { describe, expect, it } from 'vitest';
import { renderForCustomer, renderTemplate } from '../../src/shared/templates/renderTemplate.js';
import { rankTemplates } from '../../src/shared/templates/rankTemplates.js';
import { searchTemplates, fuzzyScore } from '../../src/shared/templates/searchTemplates.js';
import { detectLanguage, pickBody, Template, TemplateInput } from '../../src/shared/templates/template.js';
import { parseTemplate, TEMPLATE_VARIABLES } from '../../src/shared/templates/templateSyntax.js';
import { formatOpening, templateValues } from '../../src/shared/templates/templateValues.js';

const NOW = Date.parse('2026-03-02T07:05:00Z'); // Monday 10:05 in Moscow

describe('template syntax', () => {
  it('names the line and column of an unknown variable, a stray or unclosed brace', () => {
    const parsed = parseTemplate('Hello {customer.firstName}!\nYour {order.id} is {thread.number\nok }');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => [p.line, p.column])).toEqual([
      [2, 6],
      [2, 20],
      [3, 4],
    ]);
    expect(parsed.problems[0]!.reason).toMatch(/unknown variable "\{order\.id\}"/);
  });

  it('writes literal braces doubled', () => {
    expect(renderTemplate('{{x}} {thread.number}', { 'thread.number': '7' })).toEqual({ ok: true, text: '{x} 7' });
  });
});

describe('template rendering', () => {
  const values = templateValues({
    language: 'en',
    now: NOW,
    utcOffsetMinutes: 180,
    customer: { name: 'Olga Petrova' },
    agent: { name: 'Ivan Sidorov' },
    thread: { number: 1042, channel: 'webchat' },
    opening: Date.parse('2026-03-03T06:00:00Z'),
    waitMinutes: 3.2,
  });

  it('fills every variable', () => {
    const source = TEMPLATE_VARIABLES.map((v) => `${v}=[{${v}}]`).join(' ');
    const result = renderTemplate(source, values);
    expect(result).toEqual({
      ok: true,
      text:
        'customer.name=[Olga Petrova] customer.firstName=[Olga] agent.name=[Ivan Sidorov] agent.firstName=[Ivan] ' +
        'thread.number=[1042] thread.channel=[web chat] date.today=[March 2, 2026] date.tomorrow=[March 3, 2026] ' +
        'time.now=[10:05] hours.opening=[tomorrow at 09:00] queue.waitMinutes=[4]',
    });
  });

  it('formats in Russian', () => {
    const ru = templateValues({
      language: 'ru',
      now: NOW,
      utcOffsetMinutes: 180,
      opening: Date.parse('2026-03-05T06:00:00Z'),
    });
    expect(ru['date.today']).toBe('2 марта 2026');
    expect(ru['hours.opening']).toBe('в четверг в 09:00');
    expect(formatOpening(Date.parse('2026-03-03T06:00:00Z'), NOW, 'ru', 180)).toBe('завтра в 09:00');
    expect(formatOpening(Date.parse('2026-03-03T06:00:00Z'), NOW, 'ru', 180)).not.toContain('{');
  });

  it('reports a variable without a value instead of sending braces; a fallback fills it', () => {
    const result = renderTemplate('Hello, {customer.firstName}! Order {thread.number}', { 'thread.number': '5' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.missing).toEqual(['customer.firstName']);
    expect(renderTemplate('Hello, {customer.firstName|there}!', {})).toEqual({ ok: true, text: 'Hello, there!' });
  });

  it('never leaks braces to a customer', () => {
    expect(renderForCustomer('Hello, {customer.firstName}! We answer in {queue.waitMinutes} min.', {})).toBe(
      'Hello! We answer in min.',
    );
    expect(renderForCustomer('Hi {customer.firstName}, thanks', { 'customer.firstName': 'Ann' })).toBe(
      'Hi Ann, thanks',
    );
    expect(renderForCustomer('Broken {nope}', {})).toBeNull();
  });
});

function template(id: string, title: string, en: string, ru: string, tags: string[] = []): Template {
  return Template.parse({
    id,
    scope: 'shared',
    ownerId: null,
    updatedAt: 0,
    ...TemplateInput.parse({
      title,
      tags,
      bodies: [
        { language: 'en', text: en },
        { language: 'ru', text: ru },
      ],
    }),
  });
}

const uuid = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const library = [
  template(
    uuid(1),
    'Card blocked',
    'Your card is blocked for safety. We can unblock it.',
    'Ваша карта заблокирована. Разблокируем.',
    ['card', 'карта', 'блокировка'],
  ),
  template(
    uuid(2),
    'Loan repayment date',
    'Your loan payment is due on the date in the app.',
    'Дата платежа по кредиту указана в приложении.',
    ['loan', 'кредит', 'платеж'],
  ),
  template(
    uuid(3),
    'Password reset',
    'To reset your password, tap Forgot password.',
    'Чтобы сбросить пароль, нажмите «Забыли пароль».',
    ['password', 'пароль'],
  ),
];

describe('template ranking', () => {
  it('ranks by stemmed words in both languages', () => {
    expect(rankTemplates('why is my card blocked??', library)[0]?.templateId).toBe(uuid(1));
    expect(rankTemplates('Мою карту заблокировали', library)[0]?.templateId).toBe(uuid(1));
    expect(rankTemplates('когда платить кредит', library)[0]?.templateId).toBe(uuid(2));
    expect(rankTemplates('забыл пароль', library)[0]?.templateId).toBe(uuid(3));
    expect(rankTemplates('привет', library)).toEqual([]);
  });

  it('learns from what agents chose for similar messages', () => {
    const message = 'не приходит смс с кодом';
    expect(rankTemplates(message, library)[0]?.templateId).not.toBe(uuid(3));
    const choices = [
      { templateId: uuid(3), stems: ['приход', 'смс', 'код'] },
      { templateId: uuid(3), stems: ['смс', 'код', 'вход'] },
    ];
    const ranked = rankTemplates(message, library, choices);
    expect(ranked[0]?.templateId).toBe(uuid(3));
    expect(ranked[0]!.learned).toBeGreaterThan(0);
  });

  it('picks the channel variant, then the language text', () => {
    const t = TemplateInput.parse({
      title: 't',
      bodies: [
        { language: 'en', text: 'long' },
        { language: 'en', channel: 'telegram', text: 'short' },
        { language: 'ru', text: 'длинно' },
      ],
    });
    expect(pickBody(t, 'en', 'telegram')?.text).toBe('short');
    expect(pickBody(t, 'en', 'email')?.text).toBe('long');
    expect(pickBody(t, 'ru', 'telegram')?.text).toBe('длинно');
    expect(detectLanguage('Здравствуйте, card')).toBe('ru');
    expect(detectLanguage('Hello')).toBe('en');
  });

  it('refuses a template with an unknown variable, naming the line', () => {
    const parsed = TemplateInput.safeParse({ title: 't', bodies: [{ language: 'en', text: 'a\n{customer.age}' }] });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(/line 2, column 1: unknown variable/);
  });
});

describe('template picker search', () => {
  it('finds by fuzzy letters and by stems', () => {
    expect(fuzzyScore('crdbl', 'Card blocked')).toBeGreaterThan(0);
    expect(fuzzyScore('xyz', 'Card blocked')).toBe(0);
    expect(searchTemplates('crdbl', library)[0]?.id).toBe(uuid(1));
    expect(searchTemplates('парол', library)[0]?.id).toBe(uuid(3));
    expect(searchTemplates('', library)).toHaveLength(3);
  });
});
