import { useTranslation } from 'react-i18next';
import type { Channel } from '../../../shared/domain.js';

/** 16×16 outline glyphs, drawn here so no icon font or remote asset is needed. */
const PATHS: Record<Channel, string> = {
  phone: 'M4 2h2.5l1 3-1.5 1a8 8 0 0 0 4 4l1-1.5 3 1V12a2 2 0 0 1-2 2A10 10 0 0 1 2 4a2 2 0 0 1 2-2z',
  webchat: 'M2 3h12v8H7l-3 3v-3H2z',
  email: 'M2 4h12v8H2zM2 4l6 5 6-5',
  telegram: 'M14 2 1.5 7l4 1.5L12 4 7 9.5V14l2.5-3 3 2.5z',
  vk: 'M2 4h2.5c.5 3 1.5 4.5 2.5 5V4h2v3c1-.3 2-1.5 2.5-3H14c-.5 2-1.5 3.5-3 4.3 1.5.7 2.5 2 3 3.7h-2.5c-.5-1.5-1.5-2.5-2.5-2.7V12H8C4.5 12 2.5 9 2 4z',
  webhook: 'M5 11a3 3 0 1 1 2-5.2L9 9m2 2a3 3 0 1 1-1.5-5.6M8 13H5',
};

/** The channel as an icon with its name for screen readers and a tooltip. */
export function ChannelIcon({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  const name = t(`channel.${channel}`);
  return (
    <svg
      className={`channel-icon channel-icon-${channel}`}
      role="img"
      aria-label={name}
      viewBox="0 0 16 16"
      width="16"
      height="16"
    >
      <title>{name}</title>
      <path d={PATHS[channel]} fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
    </svg>
  );
}
