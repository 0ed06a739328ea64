/** The agent core's public surface: what hosts and the launcher may use. */
export { createAgentCore, type AgentCore, type AgentCoreOptions } from './agentCore.js';
export type { CoreEndpoint } from './coreEndpoint.js';
export { startCoreWorker, type CoreWorkerOptions } from './worker/coreWorker.js';
export type { SecretBox } from './secrets/secretBox.js';
export { createFileKeySecretBox } from './secrets/fileKeySecretBox.js';
export { loadSettings } from './settings/settingsStore.js';
export { contentSecurityPolicy } from './security/contentSecurityPolicy.js';
