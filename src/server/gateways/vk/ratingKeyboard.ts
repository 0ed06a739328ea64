/**
 * The rating request's keyboard on VK (issue 16): an inline keyboard of five callback buttons whose
 * payload carries the request's token and the score; a press comes back as a `message_event`. A
 * client can send any payload, so the hub checks the token and the peer; this only builds and parses.
 */
export function ratingKeyboard(token: string): string {
  return JSON.stringify({
    inline: true,
    buttons: [
      [1, 2, 3, 4, 5].map((score) => ({
        action: { type: 'callback', label: String(score), payload: JSON.stringify({ csat: token, score }) },
        color: score >= 4 ? 'positive' : score <= 2 ? 'negative' : 'secondary',
      })),
    ],
  });
}

export interface VkMessageEvent {
  user_id?: number;
  peer_id?: number;
  event_id?: string;
  payload?: unknown;
}

/** The press of a message_event, or why it is not a rating press. */
export function readRatingPress(
  event: VkMessageEvent | undefined,
): { token: string; score: unknown; userId: number; peerId: number; eventId: string } | string {
  if (!event || typeof event.user_id !== 'number' || typeof event.peer_id !== 'number') {
    return 'message_event without object.user_id and peer_id';
  }
  if (typeof event.event_id !== 'string') return 'message_event without an event_id';
  // VK delivers the payload as the object it was sent as; a string is read as JSON too.
  let payload = event.payload;
  if (typeof payload === 'string') {
    try {
      payload = JSON.parse(payload);
    } catch {
      return 'message_event payload is not JSON';
    }
  }
  const fields = payload as { csat?: unknown; score?: unknown } | null;
  if (typeof fields !== 'object' || fields === null || typeof fields.csat !== 'string') {
    return 'message_event payload is not a rating';
  }
  return {
    token: fields.csat,
    score: fields.score,
    userId: event.user_id,
    peerId: event.peer_id,
    eventId: event.event_id,
  };
}
