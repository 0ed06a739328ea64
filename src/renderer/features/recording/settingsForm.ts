/** The pure part of Team settings → Recording: the size cap as typed (whole MB) and sizes for people. */
const MB = 1024 * 1024;

/** The cap as the field shows it: whole megabytes. */
export function capText(capBytes: number): string {
  return String(Math.round(capBytes / MB));
}

/** The typed cap in bytes; null when it is not a whole number of megabytes, at least 1. */
export function parseCap(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const mb = Number(trimmed);
  return mb >= 1 && Number.isSafeInteger(mb * MB) ? mb * MB : null;
}

/** "512 MB", "1.5 GB" (or "1,5 ГБ") in the UI language. */
export function formatSize(bytes: number, language: string): string {
  const gb = bytes / (MB * 1024);
  const [value, unit] = gb >= 1 ? [gb, 'gigabyte'] : [bytes / MB, 'megabyte'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}
