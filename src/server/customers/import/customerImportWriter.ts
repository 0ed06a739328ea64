/**
 * Writes checked rows to the hub, one transaction per batch, through the repositories other parts
 * rely on: CustomersRepo.save/patch (which keep the change feed and the search index), the profile
 * (external id, kind, birth date, address), the documents (a card as its keyed hash and last four
 * digits only) and the phone/email identities.
 *
 * Finding the customer a row is about (decision 0031): by the bank's id; a row whose id is new
 * adopts a card agents made earlier (no bank id) that holds one of its documents; a file without an
 * id column finds customers by passport, card, account, then phone. Every write sets values rather
 * than adding to them, so running the same file again — after a crash half-way — ends in the same
 * state: rows already written are found and rewritten with the same values, the rest are created.
 */
import { uuidv7 } from '../../../shared/ids.js';
import type { ImportRecord } from '../../../shared/customers/customerImportRow.js';
import type { ProfilePatch } from '../../storage/customerProfilesRepo.js';
import type { HubStore } from '../../storage/hubStore.js';
import { IdentitiesRepo } from '../../storage/identitiesRepo.js';
import type { Tx } from '../../storage/writer.js';

export type ImportStore = Pick<HubStore, 'db' | 'write' | 'customers' | 'profiles' | 'documents' | 'keyedHash'>;

export interface BatchResult {
  created: number;
  updated: number;
}

export class CustomerImportWriter {
  private readonly identities: IdentitiesRepo;

  constructor(
    private readonly store: ImportStore,
    /** The file maps a customer id column: rows are found by it (and documents only adopt id-less cards). */
    private readonly byExternalId: boolean,
  ) {
    this.identities = new IdentitiesRepo(store.db);
  }

  /**
   * Writes rows from `from` in one transaction until they are all in or `budgetMs` has passed, so a
   * transaction stays short whatever a row costs (the search index, the change log) and the hub
   * answers between two. Returns where the next batch starts.
   */
  writeBatch(records: readonly ImportRecord[], from = 0, budgetMs = Infinity): BatchResult & { next: number } {
    return this.store.write((tx) => {
      const result = { created: 0, updated: 0, next: from };
      const started = performance.now();
      while (result.next < records.length && (result.next === from || performance.now() - started < budgetMs))
        result[this.writeOne(tx, records[result.next++]!)]++;
      return result;
    }).result;
  }

  private writeOne(tx: Tx, record: ImportRecord): 'created' | 'updated' {
    const { customers, profiles, documents } = this.store;
    const existing = this.find(record);
    const id = existing ?? uuidv7(tx.now);
    const phone = record.phones?.[0];
    const email = record.emails?.[0];
    // A new card is saved with its name, phone and email at once (save links those two identities).
    if (!existing)
      customers.save(tx, {
        id,
        name: record.name ?? '',
        phone: phone ?? null,
        email: email ?? null,
        createdAt: tx.now,
        updatedAt: tx.now,
      });
    const profile: ProfilePatch = { kind: 'customer' };
    if (record.externalId !== undefined) profile.externalId = record.externalId;
    if (record.birthDate !== undefined) profile.birthDate = record.birthDate;
    if (record.address !== undefined) profile.address = record.address;
    profiles.patch(id, profile);
    if (record.passport !== undefined)
      documents.replaceKind(id, 'passport', record.passport ? [record.passport] : [], tx.now);
    if (record.cards !== undefined) documents.replaceKind(id, 'card', record.cards, tx.now);
    if (record.accounts !== undefined) documents.replaceKind(id, 'account', record.accounts, tx.now);
    if (record.codeWord) profiles.setCodeWordHash(id, this.store.keyedHash.codeWord(record.codeWord), tx.now);
    // A number or address someone else already has stays theirs (a family shares a phone).
    let linked = false;
    for (const [kind, values] of [
      ['phone', record.phones ?? []],
      ['email', record.emails ?? []],
    ] as const)
      for (const value of values)
        if (!this.identities.find(kind, value)) {
          this.identities.link(kind, value, id, tx.now);
          linked = true;
        }
    // Last, so the recorded card and the search index see everything above.
    if (existing)
      customers.patch(tx, id, {
        ...(record.name !== undefined ? { name: record.name } : {}),
        ...(record.notes !== undefined ? { notes: record.notes } : {}),
        ...(phone !== undefined ? { phone } : {}),
        ...(email !== undefined ? { email } : {}),
      });
    else if (record.notes) customers.patch(tx, id, { notes: record.notes });
    else if (linked) customers.touch(tx, id);
    return existing ? 'updated' : 'created';
  }

  /** The customer this row is about, or null for a new one. */
  private find(record: ImportRecord): string | null {
    const { profiles } = this.store;
    if (record.externalId !== undefined) {
      const known = profiles.byExternalId(record.externalId);
      if (known) return this.current(known);
    }
    for (const owner of this.documentOwners(record)) {
      if (!this.byExternalId) return this.current(owner);
      // A new bank id adopts a card the agents made (no bank id yet); another bank customer is someone else.
      if (profiles.get(owner)?.externalId === null) return this.current(owner);
    }
    if (!this.byExternalId)
      for (const phone of record.phones ?? []) {
        const identity = this.identities.find('phone', phone);
        if (identity) return this.current(identity.customerId);
      }
    return null;
  }

  private *documentOwners(record: ImportRecord): Generator<string> {
    const { documents } = this.store;
    const keys = [...(record.passport ? [record.passport] : []), ...(record.cards ?? []), ...(record.accounts ?? [])];
    for (const key of keys) {
      const owner = documents.ownerOf(key.kind, key.value);
      if (owner) yield owner;
    }
  }

  /** A merged customer's survivor. */
  private current(id: string): string {
    return this.store.customers.current(id)?.id ?? id;
  }
}
