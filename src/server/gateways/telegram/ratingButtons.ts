/**
 * The rating request's inline keyboard (issue 16): five buttons whose callback_data carries the
 * request's token and the score, and the reading of a press back (callback_query.data). Telegram
 * lets a client send any callback_data, so the hub checks the token and the chat; this only parses.
 */
export interface InlineKeyboard {
  inline_keyboard: { text: string; callback_data: string }[][];
}

const PREFIX = 'csat:';

export function ratingKeyboard(token: string): InlineKeyboard {
  return {
    inline_keyboard: [
      [1, 2, 3, 4, 5].map((score) => ({ text: `${'★'.repeat(score)}`, callback_data: `${PREFIX}${token}:${score}` })),
    ],
  };
}

/** The token and score of a rating press, or null for callback data that is not one. */
export function readRatingPress(data: unknown): { token: string; score: number } | null {
  if (typeof data !== 'string' || !data.startsWith(PREFIX)) return null;
  const match = /^csat:([A-Za-z0-9_-]{1,60}):(\d{1,2})$/.exec(data);
  return match ? { token: match[1]!, score: Number(match[2]) } : null;
}
