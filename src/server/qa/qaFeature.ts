import { qaApi } from '../../shared/hubApi/qaApi.js';
import type { HubFeature, HubFeatureContext } from '../features/hubFeature.js';
import { endpointRoute } from '../http/endpointRoute.js';
import { QaDesk } from './qaDesk.js';

/** Quality scoring (issue 16, decision 0042): scoring forms, scores of calls and transcripts, the report. */
export function startQaFeature(context: HubFeatureContext): HubFeature {
  return {
    name: 'qa',
    routes(scope, deps) {
      const desk = new QaDesk(context.store, deps.now);
      const api = qaApi;
      endpointRoute(scope, api.forms, () => ({ forms: desk.forms() }));
      endpointRoute(scope, api.createForm, (agent, input) => desk.createForm(agent, input));
      endpointRoute(scope, api.updateForm, (agent, input, { formId }) => desk.updateForm(agent, formId, input));
      endpointRoute(scope, api.retireForm, (_agent, { retired }, { formId }) => desk.retire(formId, retired));
      endpointRoute(scope, api.threadScores, (agent, _input, { threadId }) => desk.threadScores(agent, threadId));
      endpointRoute(scope, api.score, (agent, input, { threadId }) => desk.score(agent, threadId, input));
      endpointRoute(scope, api.myScores, (agent) => ({ scores: desk.myScores(agent) }));
      endpointRoute(scope, api.report, (_agent, input) => desk.report(input));
    },
  };
}
