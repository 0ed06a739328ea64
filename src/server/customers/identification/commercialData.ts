/**
 * Commercial data — full passport and account numbers, products, complaints in progress — for a
 * contact whose customer is identified in it, and for no other contact. Every opening is audited.
 */
import type { Agent } from '../../../shared/domain.js';
import { OknoError } from '../../../shared/errors.js';
import type { ProductsReply } from '../../../shared/customers/products.js';
import type { CommercialView } from '../../../shared/hubApi/identificationApi.js';
import type { BankClient } from '../../bank/bankAdapterClient.js';
import type { HubStore } from '../../storage/hubStore.js';
import type { IdentificationService } from './identificationService.js';

export class CommercialData {
  constructor(
    private readonly store: HubStore,
    private readonly identification: IdentificationService,
    private readonly bank: BankClient,
    private readonly now: () => number,
  ) {}

  documents(agent: Agent, threadId: string): CommercialView {
    const { customer } = this.require(threadId);
    const documents = this.store.documents.of(customer.id, true);
    this.audit(agent, threadId, customer.id, { part: 'documents', documents: documents.length });
    // The customer's complaints still being worked (the register, decision 0035), newest first.
    const complaints = this.store.register
      .openOfCustomer(customer.id)
      .map((c) => ({ id: c.id, subject: `#${c.number} ${c.subject}`, openedAt: c.createdAt, status: c.status }));
    return { threadId, customerId: customer.id, documents, complaints };
  }

  async products(agent: Agent, threadId: string): Promise<ProductsReply> {
    const { customer } = this.require(threadId);
    const externalId = this.store.profiles.get(customer.id)?.externalId ?? null;
    const reply: ProductsReply =
      externalId === null ? { state: 'no_external_id' } : await this.bank.products(externalId);
    this.audit(agent, threadId, customer.id, { part: 'products', state: reply.state });
    return reply;
  }

  private require(threadId: string) {
    const contact = this.identification.identified(threadId);
    if (!contact) {
      const number = this.store.threads.byId(threadId)?.number;
      throw new OknoError(
        'forbidden',
        `the customer is not identified in thread ${number === undefined ? threadId : `#${number}`}: commercial data stays hidden`,
      );
    }
    return contact;
  }

  private audit(agent: Agent, threadId: string, customerId: string, detail: Record<string, string | number>) {
    this.store.audit.record(
      { agentId: agent.id, action: 'commercial.opened', customerId, threadId, detail },
      this.now(),
    );
  }
}
