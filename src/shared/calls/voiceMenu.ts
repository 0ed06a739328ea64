/**
 * A line's voice menu (IVR) as data leads edit in the app: nodes that speak, ask for a digit, or put
 * the caller in the queue. Menus are acyclic (checked on save): every path a caller can take ends in
 * the queue or a goodbye, so nobody is trapped in a loop; "repeat" is a property of a question, not an
 * edge back. Pure: no Node, no DOM.
 */
import { z } from 'zod';
import { Id } from '../domain.js';

export const NodeId = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'a menu step id is a short name such as "main" or "cards"');

/**
 * A prompt: a shipped one by name (resources/sounds/prompts/<language>/<name>.wav) or an uploaded
 * file by id (`upload:<uuid>`).
 */
export const PromptRef = z
  .string()
  .trim()
  .regex(/^([a-z][a-z0-9_-]{0,39}|upload:[0-9a-f-]{36})$/, 'a prompt is a shipped name or an uploaded file');

export const Digit = z.string().regex(/^[0-9*#]$/, 'an option is one key: 0-9, * or #');

export const AskNode = z.object({
  kind: z.literal('ask'),
  prompt: PromptRef,
  /** Key → the step it leads to. */
  options: z.record(Digit, NodeId),
  /** How long to wait for a key after the prompt ends. */
  timeoutSeconds: z.number().int().min(1).max(60).default(5),
  /** How many times the question is asked again after no key or a wrong key. */
  repeats: z.number().int().min(0).max(5).default(2),
  /** Where a caller who never chooses goes (null: to the line's queue). */
  fallback: NodeId.nullable().default(null),
});

export const SayNode = z.object({
  kind: z.literal('say'),
  prompt: PromptRef,
  /** The next step, or null to say goodbye and end the call (self-service). */
  next: NodeId.nullable().default(null),
});

export const QueueNode = z.object({
  kind: z.literal('queue'),
  /** The group that takes these callers; null: the line's group. */
  groupId: Id.nullable().default(null),
  /** The topic the choice means (routing and stats). */
  topic: z.string().trim().min(1).max(100).nullable().default(null),
});

export const MenuNode = z.discriminatedUnion('kind', [AskNode, SayNode, QueueNode]);
export type MenuNode = z.infer<typeof MenuNode>;

export const VoiceMenu = z.object({
  start: NodeId,
  nodes: z.record(NodeId, MenuNode),
});
export type VoiceMenu = z.infer<typeof VoiceMenu>;

export interface MenuProblem {
  /** The step the problem is in (or the start). */
  node: string;
  message: string;
}

function edges(node: MenuNode): string[] {
  switch (node.kind) {
    case 'ask':
      return [...Object.values(node.options), ...(node.fallback ? [node.fallback] : [])];
    case 'say':
      return node.next ? [node.next] : [];
    case 'queue':
      return [];
  }
}

/**
 * Everything wrong with a menu, each naming its step: a missing step, a prompt nobody can play
 * (`hasPrompt` answers for shipped names and uploads), a question with no options, a loop, a step
 * nothing leads to.
 */
export function menuProblems(menu: VoiceMenu, hasPrompt: (prompt: string) => boolean): MenuProblem[] {
  const problems: MenuProblem[] = [];
  const { nodes } = menu;
  if (!nodes[menu.start]) problems.push({ node: menu.start, message: `the first step "${menu.start}" does not exist` });
  for (const [id, node] of Object.entries(nodes)) {
    if (node.kind !== 'queue' && !hasPrompt(node.prompt)) {
      problems.push({ node: id, message: `step "${id}" plays "${node.prompt}", which is not a known prompt` });
    }
    if (node.kind === 'ask' && Object.keys(node.options).length === 0) {
      problems.push({ node: id, message: `step "${id}" asks for a key but offers no options` });
    }
    for (const target of edges(node)) {
      if (!nodes[target])
        problems.push({ node: id, message: `step "${id}" leads to "${target}", which does not exist` });
    }
  }
  // Depth-first search for a cycle; the first step found on it is named.
  const state = new Map<string, 'open' | 'done'>();
  const loopAt = (id: string): string | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'open') return id;
    state.set(id, 'open');
    const node = nodes[id];
    for (const target of node ? edges(node) : []) {
      if (!nodes[target]) continue;
      const found = loopAt(target);
      if (found) return found;
    }
    state.set(id, 'done');
    return null;
  };
  for (const id of Object.keys(nodes)) {
    const found = loopAt(id);
    if (found) {
      problems.push({ node: found, message: `step "${found}" leads back to itself; a menu may not loop` });
      break;
    }
  }
  if (nodes[menu.start]) {
    const reached = new Set<string>();
    const visit = (id: string): void => {
      if (reached.has(id) || !nodes[id]) return;
      reached.add(id);
      edges(nodes[id]).forEach(visit);
    };
    visit(menu.start);
    for (const id of Object.keys(nodes)) {
      if (!reached.has(id)) problems.push({ node: id, message: `step "${id}" cannot be reached from "${menu.start}"` });
    }
  }
  return problems;
}

/** What one key does at an `ask` step: the next step, or null for a key that is not an option. */
export function stepForDigit(menu: VoiceMenu, at: string, digit: string): string | null {
  const node = menu.nodes[at];
  if (node?.kind !== 'ask') return null;
  return node.options[digit] ?? null;
}
