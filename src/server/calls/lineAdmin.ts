/**
 * Leads' edits of service lines and the blocklist, checked before they are stored: a menu with a
 * loop, a missing step or a prompt nobody can play is refused naming the step; a number blocked is
 * stored in the one spelling calls are compared in (E.164).
 */
import { menuProblems } from '../../shared/calls/voiceMenu.js';
import type { ServiceLine, ServiceLineInput } from '../../shared/calls/serviceLine.js';
import type { Block, BlockInput } from '../../shared/calls/blocklist.js';
import type { Agent } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { normalizeIdentity } from '../gateways/recognizeCustomer.js';
import type { HubStore } from '../storage/hubStore.js';

export class LineAdmin {
  constructor(
    private readonly store: HubStore,
    /** The prompts a menu may play (shipped names; uploads later). */
    private readonly prompts: () => string[],
    private readonly now: () => number,
  ) {}

  promptNames(): string[] {
    return this.prompts();
  }

  save(id: string | null, input: ServiceLineInput): ServiceLine {
    const known = new Set(this.prompts());
    if (input.menu) {
      const problems = menuProblems(input.menu, (prompt) => known.has(prompt));
      if (problems.length > 0) {
        throw new OknoError(
          'bad_request',
          problems.map((p) => p.message).join('; '),
          problems.map((p) => ({ path: `menu.nodes.${p.node}`, message: p.message })),
        );
      }
    }
    const groups = this.store.routing.groups();
    const groupIds = [input.groupId, input.overflow.kind === 'group' ? input.overflow.groupId : null];
    for (const node of Object.values(input.menu?.nodes ?? {})) if (node.kind === 'queue') groupIds.push(node.groupId);
    for (const groupId of groupIds) {
      if (groupId && !groups.some((g) => g.id === groupId))
        throw new OknoError('bad_request', `group ${groupId} does not exist`, [
          { path: 'groupId', message: `group ${groupId} does not exist` },
        ]);
    }
    const other = this.store.lines.byNumber(input.number);
    if (other && other.id !== id) {
      throw new OknoError('conflict', `number ${input.number} already belongs to line "${other.name}"`, [
        { path: 'number', message: `already the number of "${other.name}"` },
      ]);
    }
    if (id && !this.store.lines.byId(id)) throw new OknoError('not_found', `line ${id} does not exist`);
    const line: ServiceLine = { ...input, id: id ?? uuidv7(this.now()), updatedAt: this.now() };
    this.store.lines.save(line);
    return line;
  }

  delete(id: string): { deleted: string } {
    if (!this.store.lines.delete(id)) throw new OknoError('not_found', `line ${id} does not exist`);
    return { deleted: id };
  }

  block(actor: Agent, input: BlockInput): Block {
    const value = normalizeIdentity(input.kind, input.value);
    if (!value) {
      const message =
        input.kind === 'phone'
          ? `"${input.value}" is not a phone number`
          : `"${input.value}" is not a ${input.kind} id`;
      throw new OknoError('bad_request', message, [{ path: 'value', message }]);
    }
    const at = this.now();
    if (input.expiresAt !== null && input.expiresAt <= at) {
      throw new OknoError('bad_request', 'the block would end before it starts', [
        { path: 'expiresAt', message: 'the end is in the past' },
      ]);
    }
    const block = { ...input, value, id: uuidv7(at), addedBy: actor.id, addedAt: at };
    this.store.blocklist.add(block);
    return { ...block, addedByName: actor.name };
  }

  unblock(id: string): { removed: string } {
    if (!this.store.blocklist.remove(id)) throw new OknoError('not_found', `block ${id} does not exist`);
    return { removed: id };
  }
}
