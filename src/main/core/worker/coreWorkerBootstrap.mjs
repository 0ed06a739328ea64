// Starts the core's worker from the TypeScript sources (npm start, tests): registers tsx in this
// thread, then loads the entry. The Electron build bundles coreWorkerEntry.ts as coreWorker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./coreWorkerEntry.ts');
