import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { startHeartbeat, type Heartbeat } from '../../src/server/sockets/heartbeat.js';

let server: WebSocketServer | null = null;
let heartbeat: Heartbeat | null = null;

afterEach(async () => {
  heartbeat?.stop();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

function onceClosed(socket: WebSocket): Promise<'closed'> {
  return new Promise((resolve) => socket.once('close', () => resolve('closed')));
}

describe('socket heartbeat', () => {
  it('terminates a socket that stops answering pings and keeps one that answers', async () => {
    heartbeat = startHeartbeat(300);
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    server.on('connection', (socket) => heartbeat!.track(socket));
    await new Promise((resolve) => server!.once('listening', resolve));
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const healthy = new WebSocket(url);
    const silent = new WebSocket(url, { autoPong: false });
    await Promise.all([healthy, silent].map((s) => new Promise((resolve) => s.once('open', resolve))));

    const outcome = await Promise.race([
      onceClosed(silent),
      new Promise((resolve) => setTimeout(() => resolve('still open'), 5000)),
    ]);
    expect(outcome).toBe('closed');
    expect(healthy.readyState).toBe(WebSocket.OPEN);
    healthy.terminate();
  });
});
