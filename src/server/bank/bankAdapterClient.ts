/**
 * The hub's side of the bank adapter (docs/bank-adapter.md): asks the bank's own system for one
 * customer's products with a bearer token and a hard timeout, and turns every way that can go wrong
 * into a state the app shows beside a usable screen — never an exception, never a hang. The reply is
 * read by readBankReply, which cuts anything that looks like a full card number before validation.
 */
import { readBankReply, type ProductsReply } from '../../shared/customers/products.js';
import type { Logger } from '../../shared/log.js';
import type { BankAdapterConfig } from './bankAdapterRepo.js';

/** A bank's reply is a few products; anything bigger is not what the adapter promises. */
export const BANK_REPLY_MAX_BYTES = 1024 * 1024;

export interface BankClient {
  products(externalId: string): Promise<ProductsReply>;
}

export interface BankClientDeps {
  config(): BankAdapterConfig | null;
  now(): number;
  log: Logger;
  fetch?: typeof fetch;
}

export function productsUrl(base: string, externalId: string): string {
  return `${base.replace(/\/+$/, '')}/customers/${encodeURIComponent(externalId)}/products`;
}

export function createBankClient(deps: BankClientDeps): BankClient {
  const fetchImpl = deps.fetch ?? fetch;
  return {
    async products(externalId) {
      const config = deps.config();
      if (!config) return { state: 'not_configured' };
      const url = productsUrl(config.url, externalId);
      const seconds = `${(config.timeoutMs / 1000).toFixed(1).replace(/\.0$/, '')} s`;
      let status: number;
      let text: string;
      try {
        const response = await fetchImpl(url, {
          headers: {
            accept: 'application/json',
            ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
          },
          redirect: 'error',
          // One deadline for the headers and the body alike: a bank that trickles is a bank that hangs.
          signal: AbortSignal.timeout(config.timeoutMs),
        });
        status = response.status;
        text = await readLimited(response, BANK_REPLY_MAX_BYTES);
      } catch (error) {
        const reason =
          error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')
            ? `no answer within ${seconds}`
            : error instanceof TooLarge
              ? `the answer is larger than ${BANK_REPLY_MAX_BYTES} bytes`
              : `not reachable (${causeOf(error)})`;
        deps.log.warn('bank adapter did not answer', { reason });
        return error instanceof TooLarge ? { state: 'unreadable', reason } : { state: 'unreachable', reason };
      }
      if (status === 404) return { state: 'not_found' };
      if (status === 401 || status === 403) {
        deps.log.warn('bank adapter refused the hub', { status });
        return { state: 'unreachable', reason: `the bank system refused the hub's token (HTTP ${status})` };
      }
      if (status < 200 || status >= 300) {
        deps.log.warn('bank adapter failed', { status });
        return { state: 'unreachable', reason: `the bank system answered HTTP ${status}` };
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        deps.log.warn('bank adapter answered something that is not JSON', { bytes: text.length });
        return { state: 'unreadable', reason: 'the answer is not JSON' };
      }
      const read = readBankReply(json);
      if (read.pansCut > 0)
        deps.log.warn('bank adapter sent full card numbers; cut to the last four digits', { count: read.pansCut });
      if (!read.ok) {
        deps.log.warn('bank adapter answered products this hub cannot read', { reason: read.reason });
        return { state: 'unreadable', reason: read.reason };
      }
      return { state: 'ok', products: read.products, fetchedAt: deps.now() };
    },
  };
}

class TooLarge extends Error {}

async function readLimited(response: Response, max: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new TooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
