/**
 * Leads' edits of service lines and the blocklist, checked before they are stored: a menu with a
 * loop, a missing step or a prompt nobody can play is refused naming the step; a number blocked is
 * stored in the one spelling calls are compared in (E.164).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkPromptWav } from '../../shared/calls/promptAudio.js';
import { menuProblems, type VoiceMenu } from '../../shared/calls/voiceMenu.js';
import type { ServiceLine, ServiceLineInput } from '../../shared/calls/serviceLine.js';
import type { Block, BlockInput } from '../../shared/calls/blocklist.js';
import type { Agent } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import { normalizeIdentity } from '../gateways/recognizeCustomer.js';
import type { HubStore } from '../storage/hubStore.js';
import { topicRefProblems } from '../topics/wrapUp.js';

const UPLOAD = /^upload:([0-9a-f-]{36})$/;

/** The file of an uploaded prompt (`upload:<uuid>`) under `dir`, or null for any other name. */
export function uploadedPromptFile(dir: string, prompt: string): string | null {
  const id = UPLOAD.exec(prompt)?.[1];
  return id ? path.join(dir, `${id}.wav`) : null;
}

export class LineAdmin {
  constructor(
    private readonly store: HubStore,
    /** The shipped prompt names a menu may play. */
    private readonly prompts: () => string[],
    /** Where uploaded prompts are kept (one WAV per upload). */
    private readonly promptsDir: string,
    private readonly now: () => number,
  ) {}

  promptNames(): string[] {
    return this.prompts();
  }

  uploads(): { id: string; name: string; durationMs: number }[] {
    return this.store.prompts.all().map((p) => ({ id: `upload:${p.id}`, name: p.name, durationMs: p.durationMs }));
  }

  /** Checks and keeps a lead's recording; menus then play it as `upload:<id>`. */
  uploadPrompt(
    actor: Agent,
    input: { name: string; dataBase64: string },
  ): { id: string; name: string; durationMs: number } {
    const bytes = Buffer.from(input.dataBase64, 'base64');
    const checked = checkPromptWav(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    if (!checked.ok)
      throw new OknoError('bad_request', checked.message, [{ path: 'dataBase64', message: checked.message }]);
    const id = uuidv7(this.now());
    mkdirSync(this.promptsDir, { recursive: true, mode: 0o700 });
    writeFileSync(path.join(this.promptsDir, `${id}.wav`), bytes, { mode: 0o600 });
    this.store.prompts.add({
      id,
      name: input.name,
      durationMs: checked.durationMs,
      uploadedBy: actor.id,
      uploadedAt: this.now(),
    });
    return { id: `upload:${id}`, name: input.name, durationMs: checked.durationMs };
  }

  /** Refused while a line's menu plays it, naming the line. */
  deletePrompt(id: string): { deleted: string } {
    const ref = id.startsWith('upload:') ? id : `upload:${id}`;
    const bare = ref.slice('upload:'.length);
    if (!this.store.prompts.byId(bare)) throw new OknoError('not_found', `prompt ${id} does not exist`);
    const user = this.store.lines.all().find((line) => line.menu && plays(line.menu, ref));
    if (user) throw new OknoError('conflict', `line "${user.name}" plays this prompt; change its menu first`);
    this.store.prompts.delete(bare);
    rmSync(path.join(this.promptsDir, `${bare}.wav`), { force: true });
    return { deleted: ref };
  }

  /** A prompt a menu may name: shipped, or uploaded and still there. */
  private knows(prompt: string, shipped: Set<string>): boolean {
    const id = UPLOAD.exec(prompt)?.[1];
    return id ? this.store.prompts.byId(id) !== null : shipped.has(prompt);
  }

  save(id: string | null, input: ServiceLineInput): ServiceLine {
    const known = new Set(this.prompts());
    if (input.menu) {
      const problems = menuProblems(input.menu, (prompt) => this.knows(prompt, known));
      if (problems.length > 0) {
        throw new OknoError(
          'bad_request',
          problems.map((p) => p.message).join('; '),
          problems.map((p) => ({ path: `menu.nodes.${p.node}`, message: p.message })),
        );
      }
    }
    // A queue step's topic comes from the topic tree, current (decision 0032).
    const topicRefs = Object.entries(input.menu?.nodes ?? {}).flatMap(([node, step]) =>
      step.kind === 'queue' && step.topic !== null ? [{ topic: step.topic, where: `menu.nodes.${node}.topic` }] : [],
    );
    const topicProblems = topicRefProblems(this.store, topicRefs);
    if (topicProblems.length > 0) {
      throw new OknoError('bad_request', topicProblems.map((p) => p.message).join('; '), topicProblems);
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

function plays(menu: VoiceMenu, prompt: string): boolean {
  return Object.values(menu.nodes).some((node) => node.kind !== 'queue' && node.prompt === prompt);
}
