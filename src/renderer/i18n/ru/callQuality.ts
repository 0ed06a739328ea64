import type { RuResource } from '../ru.js';
import type { callQualityEn } from '../en/callQuality.js';

/** Russian strings of call quality (decision 0040). */
export const callQualityRu: RuResource<typeof callQualityEn> = {
  title: 'Качество связи',
  poor: 'Плохая связь — клиент может плохо вас слышать',
  summary: {
    caption: 'Качество связи по операторам',
    period: 'Период',
    periods: { day: 'Последние 24 часа', week: 'Последние 7 дней', month: 'Последние 30 дней' },
    range: 'С {{from}} по {{to}}',
    agent: 'Оператор',
    calls: 'Звонков',
    mos: 'Средний MOS',
    poorShare: 'Звонков с плохой связью',
    jitter: 'Джиттер, мс',
    loss: 'Потери, %',
    rtt: 'Задержка туда и обратно, мс',
    engineLoss: 'Потери на АТС, %',
    none: 'За этот период нет звонков с показателями качества.',
    failed: 'Не удалось загрузить качество связи: {{detail}}',
    noData: '—',
  },
};
