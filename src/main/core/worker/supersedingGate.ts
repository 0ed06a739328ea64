/**
 * Typing in a search box sends a query per pause; a query a newer one replaced is worth nothing.
 * For the request names given, at most one call is with the core and at most one waits: a newer
 * call replaces the waiting one, which is answered `superseded` at once instead of being run.
 */
import type { CallResult } from '../../../shared/contractWire.js';

type Send = (name: unknown, input: unknown) => Promise<CallResult>;

interface Waiting {
  input: unknown;
  resolve: (result: CallResult) => void;
}

export function createSupersedingGate(names: ReadonlySet<string>, send: Send): Send {
  const running = new Set<string>();
  const waiting = new Map<string, Waiting>();

  const superseded = (name: string): CallResult => ({
    ok: false,
    error: { code: 'superseded', message: `a newer "${name}" call replaced this one before it ran` },
  });

  function runNow(name: string, input: unknown): Promise<CallResult> {
    running.add(name);
    return send(name, input).finally(() => {
      running.delete(name);
      const next = waiting.get(name);
      if (next) {
        waiting.delete(name);
        void runNow(name, next.input).then(next.resolve);
      }
    });
  }

  return (name, input) => {
    if (typeof name !== 'string' || !names.has(name)) return send(name, input);
    if (!running.has(name)) return runNow(name, input);
    waiting.get(name)?.resolve(superseded(name));
    return new Promise((resolve) => waiting.set(name, { input, resolve }));
  };
}
