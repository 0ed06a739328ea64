/**
 * The agent core's worker thread (decision 0048): every SQL statement of the core runs here, so
 * a long sync page or a cache compaction never holds up the thread that serves the window.
 * It makes the core and starts each contract call as it arrives, without waiting for the calls
 * before it: a call that waits on the hub does not hold up the next, so calls run interleaved and
 * their results go back in the order they finish (each with its call's id). The SQL of each runs on
 * this one thread, a statement at a time. Events, log lines and the CSP's connect sources go back
 * to the host thread as well.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { setLogLevel, setLogSink } from '../../../shared/log.js';
import { createAgentCore, type AgentCore } from '../agentCore.js';
import { bridgedSecretBox } from './secretBoxBridge.js';
import { FAULT_EXIT_CODE, type CoreWorkerData, type FromWorker, type ToWorker } from './coreWorkerProtocol.js';

const port = parentPort;
if (!port) throw new Error('coreWorkerEntry.ts runs only as a worker thread (see coreWorker.ts)');
const data = workerData as CoreWorkerData;
const post = (message: FromWorker) => port.postMessage(message);

setLogLevel(data.logLevel);
setLogSink((level, scope, message, fields) => post({ type: 'log', level, scope, message, fields }));

async function serve(core: AgentCore, message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'call': {
      if (data.faults?.crashOnRequest === message.name) process.exit(FAULT_EXIT_CODE);
      const result = await core.invoke(message.name, message.input);
      post({ type: 'result', id: message.id, result });
      return;
    }
    case 'callLink':
      core.openCallLink(message.href);
      return;
    case 'close':
      await core.close();
      post({ type: 'closed' });
      return;
  }
}

async function main(): Promise<void> {
  let core: AgentCore;
  try {
    core = await createAgentCore({ ...data.options, secretBox: bridgedSecretBox(data.secretPort, data.secretSignal) });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  core.onEvent((name, payload) => post({ type: 'event', name, payload }));
  // The host caches the sources for each page load's CSP. A save posts them from inside its call,
  // so they reach the host before that call's result (the port keeps order) and a page reloaded
  // right after the save gets them.
  core.onConnectSourcesChanged((sources) => post({ type: 'connectSources', sources }));
  port?.on('message', (message: ToWorker) => void serve(core, message));
  post({ type: 'ready', connectSources: core.connectSources() });
}

void main();
