/**
 * The core's SecretBox is synchronous (the cache key is unsealed while the cache opens), but in
 * Electron the box is the OS keychain, reachable only from the main thread. In the worker the
 * box posts each request to the host thread and blocks on a shared counter until the answer is
 * on its port; the host thread never waits on the worker, so this cannot deadlock.
 */
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { SecretBox } from '../secrets/secretBox.js';

interface SecretRequest {
  id: number;
  op: 'encrypt' | 'decrypt';
  text: string;
}

type SecretReply = { id: number; ok: true; text: string } | { id: number; ok: false; message: string };

const ANSWER_TIMEOUT_MS = 10_000;

/** A counter the host bumps after each answer; the worker waits on it. */
export function newSecretSignal(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

/** Host thread: answers the worker's requests with the real box. Returns a function that stops it. */
export function serveSecretBox(port: MessagePort, signal: Int32Array, box: SecretBox): () => void {
  const onMessage = (request: SecretRequest) => {
    let reply: SecretReply;
    try {
      const text = request.op === 'encrypt' ? box.encrypt(request.text) : box.decrypt(request.text);
      reply = { id: request.id, ok: true, text };
    } catch (error) {
      reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  port.on('message', onMessage);
  return () => {
    port.off('message', onMessage);
    port.close();
  };
}

/** Worker thread: a SecretBox whose calls are answered by the host thread's box. */
export function bridgedSecretBox(port: MessagePort, signal: Int32Array): SecretBox {
  let next = 0;
  const call = (op: SecretRequest['op'], text: string): string => {
    const id = ++next;
    port.postMessage({ id, op, text } satisfies SecretRequest);
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    for (;;) {
      // Read the counter before looking at the port: an answer posted in between changes it,
      // so the wait below returns at once instead of sleeping through it.
      const seen = Atomics.load(signal, 0);
      const received = receiveMessageOnPort(port);
      if (received) {
        const reply = received.message as SecretReply;
        if (reply.id !== id) continue;
        if (reply.ok) return reply.text;
        throw new Error(reply.message);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the app's main thread did not answer a keychain ${op} within 10 s`);
      Atomics.wait(signal, 0, seen, left);
    }
  };
  return { encrypt: (plain) => call('encrypt', plain), decrypt: (sealed) => call('decrypt', sealed) };
}
