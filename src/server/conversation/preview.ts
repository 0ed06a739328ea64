/** One line of a message for lists: whitespace collapsed, cut at `max` characters. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export const SUBJECT_MAX = 80;
export const PREVIEW_MAX = 140;
