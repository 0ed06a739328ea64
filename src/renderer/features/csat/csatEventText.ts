/**
 * A `csat` thread event in the agent's language (issue 16): the score and the channel it came through
 * (web chat's own events carry no channel and read without one).
 */
import type { TFunction } from 'i18next';

const CHANNELS = ['phone', 'email', 'telegram', 'vk'] as const;

export function csatEventText(t: TFunction, data: Record<string, unknown>, fallback: string): string {
  const score = typeof data.score === 'number' ? String(data.score) : '?';
  const channel = CHANNELS.find((c) => c === data.channel);
  return channel
    ? t('csat.event.via', { score, channel: t(`csat.event.channel.${channel}`), defaultValue: fallback })
    : t('csat.event.plain', { score, defaultValue: fallback });
}
