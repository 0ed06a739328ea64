/**
 * Importing the bank's customer base and exporting customers (leads and admins; decision 0031),
 * every route built from a row of src/shared/hubApi/customerImportApi.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../../shared/log.js';
import { customerImportApi as api } from '../../../shared/hubApi/customerImportApi.js';
import { CustomerExports } from '../../customers/import/customerExports.js';
import { CustomerImports } from '../../customers/import/customerImports.js';
import type { HubStore } from '../../storage/hubStore.js';
import { endpointRoute } from '../endpointRoute.js';

export function registerCustomerImportRoutes(
  app: FastifyInstance,
  store: HubStore,
  now: () => number,
  log: Logger,
): void {
  const imports = new CustomerImports(store, now, log);
  const exports = new CustomerExports(store, now);
  // A job still writing stops at its next batch; running the file again completes it.
  app.addHook('onClose', async () => {
    imports.stop();
    await imports.idle();
  });
  endpointRoute(app, api.uploadChunk, (agent, chunk, { uploadId }) => imports.receiveChunk(agent, uploadId, chunk));
  endpointRoute(app, api.startJob, (agent, input) => imports.start(agent, input));
  endpointRoute(app, api.job, (agent, _input, { jobId }) => imports.job(agent, jobId));
  endpointRoute(app, api.createExport, (agent, { format }) => exports.create(agent, format));
  endpointRoute(app, api.exportChunk, (agent, { offset }, { exportId }) => exports.chunk(agent, exportId, offset));
}
