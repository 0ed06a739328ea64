/**
 * A web-chat customer from their own loopback address (127.0.0.0/8 is all loopback on Linux), so
 * tests that bring many customers stay under the hub's per-address limits (decision 0024) the way
 * real customers on their own networks do.
 */
import WebSocket from 'ws';
import { WIDGET_SOCKET_PATH } from '../../src/shared/widgetProtocol.js';
import { FrameQueue } from '../integration/hub-harness.js';

/** The n-th customer's address: 127.1.0.1, 127.1.0.2, … */
export function customerAddress(n: number): string {
  return `127.1.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
}

/** Opens a widget socket from `localAddress` and takes the welcome frame. */
export async function openWidgetFrom(
  hubUrl: string,
  localAddress: string,
  hello: { visitorToken?: string; name?: string } = {},
): Promise<{ widget: FrameQueue; visitorToken: string }> {
  const socket = new WebSocket(`${hubUrl.replace(/^http/, 'ws')}${WIDGET_SOCKET_PATH}`, { localAddress });
  const widget = new FrameQueue(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`widget socket refused with HTTP ${response.statusCode}`)),
    );
  });
  socket.send(JSON.stringify({ type: 'hello', ...hello }));
  const welcome = await widget.next((f) => f.type === 'welcome' || f.type === 'slow_down' || f.type === 'error');
  if (welcome.type !== 'welcome') {
    socket.terminate();
    throw new Error(`the hub refused the widget's hello: ${JSON.stringify(welcome)}`);
  }
  return { widget, visitorToken: welcome.visitorToken as string };
}
