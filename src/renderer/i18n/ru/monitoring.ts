import type { RuResource } from '../ru.js';
import type { monitoringEn } from '../en/monitoring.js';

/** Russian strings of live monitoring (issue 16). */
export const monitoringRu: RuResource<typeof monitoringEn> = {
  title: 'Мониторинг звонков',
  loading: 'Загружаем текущие звонки…',
  none: 'Сейчас нет принятых звонков.',
  call: '{{caller}} — {{agent}}',
  noAgent: 'без оператора',
  modes: 'Мониторинг этого звонка',
  mode: {
    listen: 'Слушать',
    whisper: 'Суфлировать',
    barge: 'Подключиться',
  },
  stop: 'Завершить',
  state: {
    listen: 'Вы слушаете звонок; ни оператор ({{agent}}), ни клиент вас не слышат.',
    whisper: 'Вы суфлируете: вас слышит только оператор ({{agent}}).',
    barge: 'Вы подключились к разговору: вас слышат оператор ({{agent}}) и клиент.',
  },
  watcher: {
    listen: '{{lead}} слушает',
    whisper: '{{lead}} суфлирует',
    barge: '{{lead}} в разговоре',
  },
  agent: {
    whispering: 'Вам подсказывает {{lead}}; клиент этого не слышит.',
    joined: 'В разговоре участвует {{lead}}; клиент тоже слышит.',
  },
};
