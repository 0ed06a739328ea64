/** Formatting of times for people; storage and the wire only ever carry epoch milliseconds. */

const timeFormats = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, options: Intl.DateTimeFormatOptions, key: string): Intl.DateTimeFormat {
  const cacheKey = `${language}|${key}`;
  let format = timeFormats.get(cacheKey);
  if (!format) {
    format = new Intl.DateTimeFormat(language, options);
    timeFormats.set(cacheKey, format);
  }
  return format;
}

/** "14:05" (or "2:05 PM"): hours and minutes in the UI language. */
export function formatClock(ms: number, language: string): string {
  return formatter(language, { hour: '2-digit', minute: '2-digit' }, 'clock').format(ms);
}

/** Time of a message: the clock for today, date and clock for older days. */
export function formatMessageTime(ms: number, now: number, language: string): string {
  const sameDay = new Date(ms).toDateString() === new Date(now).toDateString();
  if (sameDay) return formatClock(ms, language);
  return formatter(language, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }, 'dateTime').format(
    ms,
  );
}

/** Full date and time for a tooltip / <time title>. */
export function formatFullTime(ms: number, language: string): string {
  return formatter(language, { dateStyle: 'medium', timeStyle: 'medium' }, 'full').format(ms);
}

/** A countdown of the absolute value: "0:45", "12:03", "1:02:03" (days fold into hours: "26:00:00"). */
export function formatCountdown(ms: number): string {
  const totalSeconds = Math.floor(Math.abs(ms) / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  return `${minutes}:${ss}`;
}
