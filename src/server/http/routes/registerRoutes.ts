/**
 * The hub's routes for the complaints and requests register (issue 15, decision 0035), each built from
 * its row in src/shared/hubApi/registerApi.ts. Leads and admins set types and the calendar; everyone
 * signed in registers and works complaints (the rows' roles say so, endpointRoute enforces them).
 */
import type { FastifyInstance } from 'fastify';
import { registerApi } from '../../../shared/hubApi/registerApi.js';
import type { Logger } from '../../../shared/log.js';
import { REGISTER_EXPORT_MAX_ROWS } from '../../../shared/register/registerSchemas.js';
import { fillCustomerText, pickText } from '../../../shared/register/customerText.js';
import { DEFAULT_LETTER, letterDocx, letterPdf } from '../../register/letters.js';
import { exportRows, toCsv, toXlsx } from '../../register/registerExport.js';
import { registerReport } from '../../register/registerReport.js';
import { RegisterService } from '../../register/registerService.js';
import type { HubStore } from '../../storage/hubStore.js';
import { createHubReach } from '../../sync/hubReach.js';
import type { DeliverOutbound } from '../../sync/pushMutations.js';
import { endpointRoute } from '../endpointRoute.js';

export interface RegisterRoutesDeps {
  store: HubStore;
  now: () => number;
  log: Logger;
  /** Where a status message to the customer goes (the channel gateways); none: messages are stored only. */
  deliver?: DeliverOutbound;
  /** The hub's zone for business days (default UTC). */
  timeZone?: string;
}

const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export function registerRegisterRoutes(scope: FastifyInstance, deps: RegisterRoutesDeps): void {
  const { store, now, log } = deps;
  const reach = createHubReach(store);
  const timeZone = deps.timeZone ?? 'UTC';
  const register = new RegisterService({
    store,
    now,
    timeZone,
    deliver: deps.deliver ?? (() => undefined),
    canSee: (agent, threadId) => reach.canSee(agent, threadId),
    log,
  });
  const api = registerApi;

  endpointRoute(scope, api.types, () => register.types());
  endpointRoute(scope, api.saveType, (agent, input) => register.saveType(agent, input));
  endpointRoute(scope, api.calendar, () => register.calendar());
  endpointRoute(scope, api.saveCalendar, (agent, input) => register.saveCalendar(agent, input));
  endpointRoute(scope, api.create, (agent, input) => register.create(agent, input));
  endpointRoute(scope, api.list, (agent, input) => register.list(agent, input));
  endpointRoute(scope, api.get, (_agent, _input, { id }) => register.get(id));
  endpointRoute(scope, api.update, (agent, input, { id }) => register.update(agent, { ...input, id }));
  endpointRoute(scope, api.comment, (agent, { text }, { id }) => register.comment(agent, id, text));
  endpointRoute(scope, api.link, (agent, { threadId }, { id }) => register.link(agent, id, threadId));
  endpointRoute(scope, api.attach, (agent, input, { id }) => register.attach(agent, id, input));
  endpointRoute(scope, api.file, (_agent, _input, { fileId }) => register.file(fileId));
  endpointRoute(scope, api.letter, async (agent, { format, language }, { id }) => {
    const complaint = register.mustGetView(id);
    const type = register.mustType(complaint.typeId);
    const template = pickText(type.letterTemplate, language) || DEFAULT_LETTER[language];
    const values = register.textValues(complaint, type, complaint.status, language);
    const title =
      language === 'ru'
        ? `${type.name.ru} № ${complaint.number} — ${values.date}`
        : `${type.name.en} #${complaint.number} — ${values.date}`;
    const letter = { title, body: fillCustomerText(template, language, values) };
    const bytes = format === 'pdf' ? await letterPdf(letter) : await letterDocx(letter);
    const name = `${language === 'ru' ? 'pismo' : 'letter'}-${complaint.number}.${format}`;
    register.recordLetter(agent, id, name);
    return { name, mime: MIME[format], dataBase64: bytes.toString('base64') };
  });
  endpointRoute(scope, api.export, async (agent, { filters, format, language }) => {
    const items = register.all(agent, filters, REGISTER_EXPORT_MAX_ROWS);
    const rows = exportRows(items, register.types().types, language);
    const bytes = format === 'csv' ? toCsv(rows) : await toXlsx(rows, language === 'ru' ? 'Реестр' : 'Register');
    const day = new Date(now()).toISOString().slice(0, 10);
    log.info('register exported', { by: agent.id, rows: items.length, format });
    return { name: `register-${day}.${format}`, mime: MIME[format], dataBase64: bytes.toString('base64') };
  });
  endpointRoute(scope, api.report, (_agent, input) => registerReport(store, input, timeZone, now()));
}
