/** Money and calendar days for people, in the UI language (Intl); the wire carries decimal strings and YYYY-MM-DD. */

/** "1 520,50 ₽" / "RUB 1,520.50"; an amount Intl cannot read is shown as given with its currency. */
export function formatMoney(amount: string, currency: string, language: string): string {
  const value = Number(amount);
  if (!Number.isFinite(value)) return `${amount} ${currency}`;
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency }).format(value);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A calendar day (no time zone of its own): "12 Apr 1985" / "12 апр. 1985 г.". */
export function formatDay(day: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(ms);
}

/** Question wording in the UI language (Russian for ru*, English otherwise). */
export function wordingFor(text: { en: string; ru: string }, language: string): string {
  return language.startsWith('ru') ? text.ru : text.en;
}
