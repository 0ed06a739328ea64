/**
 * Walking a caller through a voice menu, one input at a time. Pure: the hub's call queue plays what
 * a step says and feeds back the caller's key, silence, or the end of a prompt.
 */
import type { VoiceMenu } from './voiceMenu.js';

export interface MenuPosition {
  node: string;
  /** How many times the current question has been asked without an answer it understood. */
  tries: number;
}

export type MenuStep =
  /** Play the question (after `before`, e.g. "that key is not an option"), then wait `timeoutSeconds` for a key. */
  | { do: 'ask'; at: MenuPosition; before: string[]; prompt: string; timeoutSeconds: number }
  /** Play the prompt, then report `said`. */
  | { do: 'say'; at: MenuPosition; prompt: string }
  | { do: 'queue'; at: MenuPosition; groupId: string | null; topic: string | null }
  /** Self-service ends here: say goodbye and end the call. */
  | { do: 'hangup'; at: MenuPosition };

export type MenuInput = { kind: 'digit'; digit: string } | { kind: 'timeout' } | { kind: 'said' };

/** What happens on arriving at `node`. */
export function enterStep(menu: VoiceMenu, node: string, before: string[] = []): MenuStep {
  const at = { node, tries: 0 };
  const current = menu.nodes[node];
  if (!current) return { do: 'queue', at, groupId: null, topic: null };
  switch (current.kind) {
    case 'ask':
      return { do: 'ask', at, before, prompt: current.prompt, timeoutSeconds: current.timeoutSeconds };
    case 'say':
      return { do: 'say', at, prompt: current.prompt };
    case 'queue':
      return { do: 'queue', at, groupId: current.groupId, topic: current.topic };
  }
}

export function startMenu(menu: VoiceMenu): MenuStep {
  return enterStep(menu, menu.start);
}

/**
 * The next step after an input at `at`. A key that is not an option or no key at all asks again
 * (up to the step's repeats), then goes to its fallback or the line's queue: a caller who never
 * chooses still reaches a person.
 */
export function nextStep(menu: VoiceMenu, at: MenuPosition, input: MenuInput): MenuStep | null {
  const current = menu.nodes[at.node];
  if (!current) return { do: 'queue', at, groupId: null, topic: null };
  if (current.kind === 'say') {
    if (input.kind !== 'said') return null; // keys during an announcement are not choices
    return current.next ? enterStep(menu, current.next) : { do: 'hangup', at };
  }
  if (current.kind !== 'ask') return null;
  if (input.kind === 'said') return null;
  if (input.kind === 'digit') {
    const target = current.options[input.digit];
    if (target) return enterStep(menu, target);
  }
  if (at.tries >= current.repeats) {
    return current.fallback
      ? enterStep(menu, current.fallback)
      : { do: 'queue', at: { node: at.node, tries: at.tries + 1 }, groupId: null, topic: null };
  }
  return {
    do: 'ask',
    at: { node: at.node, tries: at.tries + 1 },
    before: [input.kind === 'digit' ? 'invalid' : 'no_choice'],
    prompt: current.prompt,
    timeoutSeconds: current.timeoutSeconds,
  };
}
