/** Calls in the queue: the app contract's part (requests), forwarded by the core to callsApi. */
import { z } from 'zod';
import { Id, Thread } from '../domain.js';
import { callsApi, CallbackResult, TransferTarget } from '../hubApi/callsApi.js';
import { ServiceLineInput } from './serviceLine.js';

const out = callsApi;

export const callsRequests = {
  /** Service lines with their menus, and the shipped prompt names a menu may play. */
  'lines.list': { input: z.object({}), output: out.listLines.output },
  /** Creates (no id) or edits a line (leads); a menu with a loop or a missing prompt is refused naming the step. */
  'lines.save': { input: ServiceLineInput.extend({ id: Id.optional() }), output: out.createLine.output },
  'lines.delete': { input: z.object({ lineId: Id }), output: out.deleteLine.output },
  /** A lead's own recording for menus (WAV, 16-bit mono PCM); menus then name it `upload:<id>`. */
  'prompts.upload': { input: out.uploadPrompt.input, output: out.uploadPrompt.output },
  /** Refused while a line's menu plays it. */
  'prompts.delete': { input: z.object({ promptId: Id }), output: out.deletePrompt.output },
  'blocklist.list': { input: z.object({}), output: out.listBlocks.output },
  'blocklist.add': { input: out.addBlock.input, output: out.addBlock.output },
  'blocklist.remove': { input: z.object({ blockId: Id }), output: out.removeBlock.output },
  /** Hands a thread (a live call too) to a group, a line or an agent: it re-enters the queue with its card and the note. */
  'thread.transfer': {
    input: z.object({ threadId: Id, to: TransferTarget }),
    output: z.object({ thread: Thread, sipTarget: z.string().nullable() }),
  },
  /** Open callback tasks (callers who gave up while waiting). */
  'callbacks.list': { input: z.object({}), output: out.callbacks.output },
  /** The agent called back: the result is recorded and the task leaves the queue. */
  'callback.complete': {
    input: z.object({ threadId: Id, result: CallbackResult }),
    output: out.completeCallback.output,
  },
  /** The softphone registered (or stopped): queued calls are offered to this SIP user. */
  'softphone.registered': { input: out.setMyPhone.input, output: out.setMyPhone.output },
};
