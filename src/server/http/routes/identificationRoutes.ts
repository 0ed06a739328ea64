/**
 * Identification, commercial data, the bank adapter's settings and the desk audit on the hub's API,
 * each route built from its row in src/shared/hubApi/identificationApi.ts (decision 0031). Agents
 * identify and open commercial data for a contact; leads and admins also set the questions and the
 * adapter and read the audit (the rows' roles say so, endpointRoute enforces them).
 */
import type { FastifyInstance } from 'fastify';
import { identificationApi } from '../../../shared/hubApi/identificationApi.js';
import type { Logger } from '../../../shared/log.js';
import { createBankClient } from '../../bank/bankAdapterClient.js';
import { BankAdapterRepo } from '../../bank/bankAdapterRepo.js';
import { AuditReader } from '../../customers/identification/auditReader.js';
import { CommercialData } from '../../customers/identification/commercialData.js';
import { IdentificationRepo } from '../../customers/identification/identificationRepo.js';
import { IdentificationService } from '../../customers/identification/identificationService.js';
import { createSecretSeal, loadSecretKey } from '../../gateways/secretSeal.js';
import { createHubReach } from '../../sync/hubReach.js';
import type { Agent } from '../../../shared/domain.js';
import { OknoError } from '../../../shared/errors.js';
import type { HubStore } from '../../storage/hubStore.js';
import { endpointRoute } from '../endpointRoute.js';

export interface IdentificationRouteDeps {
  store: HubStore;
  now: () => number;
  log: Logger;
}

export function registerIdentificationRoutes(app: FastifyInstance, deps: IdentificationRouteDeps): void {
  const { store, now, log } = deps;
  // The same key that seals channel secrets, from the same place (OKNO_HUB_SECRET_KEY or the key file
  // beside hub.sqlite, which openHubStore has already made).
  const seal = createSecretSeal(loadSecretKey(store.dataDir));
  const adapter = new BankAdapterRepo(store.db, seal);
  const identification = new IdentificationService(store, new IdentificationRepo(store.db, log));
  const bank = createBankClient({ config: () => adapter.config(), now, log: log.child('bank') });
  const commercial = new CommercialData(store, identification, bank, now);
  const audit = new AuditReader(store, now);
  const api = identificationApi;
  // A contact outside the agent's reach (decision 0031) is not theirs to identify or open.
  const reach = createHubReach(store);
  const inReach = (agent: Agent, threadId: string): string => {
    if (!reach.canSee(agent, threadId)) {
      const thread = store.threads.byId(threadId);
      if (!thread) throw new OknoError('not_found', `thread ${threadId} does not exist`);
      throw new OknoError('forbidden', `thread #${thread.number} is not in your reach`);
    }
    return threadId;
  };

  endpointRoute(app, api.settings, () => identification.settings());
  endpointRoute(app, api.saveSettings, (agent, input) => identification.saveSettings(agent, input));
  endpointRoute(app, api.state, (agent, _input, { threadId }) => identification.state(inReach(agent, threadId)));
  endpointRoute(app, api.answer, (agent, input, { threadId }) =>
    identification.answer(agent, inReach(agent, threadId), input),
  );
  endpointRoute(app, api.commercial, (agent, _input, { threadId }) =>
    commercial.documents(agent, inReach(agent, threadId)),
  );
  endpointRoute(app, api.products, (agent, _input, { threadId }) =>
    commercial.products(agent, inReach(agent, threadId)),
  );
  endpointRoute(app, api.bankAdapter, () => adapter.view());
  endpointRoute(app, api.saveBankAdapter, (agent, input) => {
    // As for channels (decision 0027): a stored token is never sent to an address it was not typed for.
    const before = adapter.view();
    if (before.tokenSet && input.token === undefined && input.url !== '' && input.url !== before.url) {
      const message = `the bank adapter moves from ${before.url || '(none)'} to ${input.url}: type its token again`;
      throw new OknoError('bad_request', message, [{ path: 'token', message }]);
    }
    const view = adapter.save(input, now());
    store.audit.record(
      {
        agentId: agent.id,
        action: 'bank_adapter.changed',
        detail: { url: view.url, tokenSet: view.tokenSet, timeoutMs: view.timeoutMs },
      },
      now(),
    );
    return view;
  });
  endpointRoute(app, api.audit, (_agent, { limit, ...filter }) => audit.list(filter, limit));
  endpointRoute(app, api.exportAudit, (agent, { format, ...filter }) => audit.export(agent, filter, format));
}
