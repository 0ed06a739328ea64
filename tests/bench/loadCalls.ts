/**
 * `npm run load:calls`: the call queue's full-size load test (OKNO_LOAD_CALLS callers, default 60, into
 * one line; OKNO_LOAD_AGENTS agents, default 10), on the real hub, Kamailio, rtpengine and SIPp. It
 * prints the figures and fails (exit 1) when a call is lost, offered out of deadline order, offered to
 * an agent already on a call, or answered twice — never on speed.
 */
import { setLogLevel } from '../../src/shared/log.js';
import { benchCallLoad, callBenchMissing } from './callQueue.js';

async function main(): Promise<void> {
  setLogLevel('error');
  const missing = callBenchMissing();
  if (missing) {
    console.log(`load:calls skipped: ${missing}`);
    return;
  }
  const calls = Number(process.env.OKNO_LOAD_CALLS ?? '60');
  const agents = Number(process.env.OKNO_LOAD_AGENTS ?? '10');
  if (!(calls >= 1 && agents >= 1)) throw new Error('OKNO_LOAD_CALLS and OKNO_LOAD_AGENTS must be positive numbers');
  console.log(`call queue load: ${calls} callers at once into one line, ${agents} agents…`);
  const figures = await benchCallLoad(calls, agents);
  console.log(JSON.stringify(figures, null, 2));
  const lost = calls - figures.sipp.successful;
  if (figures.problems.length > 0 || lost > 0) {
    console.error(`FAILED: ${lost} calls not completed; ${figures.problems.length} problems in the hub's history`);
    process.exit(1);
  }
  console.log(`ok: ${calls} calls, each answered once, in deadline order, none lost`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
