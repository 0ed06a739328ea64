/**
 * What hub instances tell each other, over NATS core pub/sub: "the change log moved" (each instance
 * then reads it), frames for a web-chat visitor whose widget is on another instance, typing notices.
 * Nothing here must be durable: the change log is in the database and every instance also polls
 * it, so a message the broker drops costs a second of delay, never a change (decision 0047).
 * A single hub has no broker and a bus that goes nowhere.
 */
import { connect, Events, JSONCodec, type NatsConnection } from 'nats';
import type { Logger } from '../../shared/log.js';

export interface ClusterBus {
  /** Whether messages can reach the other instances now. */
  readonly connected: boolean;
  publish(topic: string, data: unknown): void;
  subscribe(topic: string, handler: (data: unknown) => void): () => void;
  close(): Promise<void>;
}

/** The bus of a hub that runs alone. */
export const LOCAL_BUS: ClusterBus = {
  connected: true,
  publish: () => undefined,
  subscribe: () => () => undefined,
  close: async () => undefined,
};

const codec = JSONCodec();

export async function connectBus(url: string, hubId: string, instanceId: string, log: Logger): Promise<ClusterBus> {
  let connection: NatsConnection;
  try {
    connection = await connect({
      servers: url,
      name: `okno-hub-${instanceId}`,
      // An instance's own messages are already handled where they were sent.
      noEcho: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      timeout: 5000,
    });
  } catch (error) {
    throw new Error(`cannot reach the message broker at ${url}: ${(error as Error).message}`);
  }
  let connected = true;
  void (async () => {
    for await (const status of connection.status()) {
      if (status.type === Events.Disconnect) {
        connected = false;
        log.warn('message broker connection lost; the change log is polled until it is back', { url });
      } else if (status.type === Events.Reconnect) {
        connected = true;
        log.info('message broker connection back', { url });
      }
    }
  })();
  const subject = (topic: string) => `okno.${hubId}.${topic}`;
  return {
    get connected() {
      return connected && !connection.isClosed();
    },
    publish(topic, data) {
      try {
        connection.publish(subject(topic), codec.encode(data));
      } catch (error) {
        // Closed or draining: the others learn from the database instead.
        log.warn('cluster message not sent', { topic, error: String(error) });
      }
    },
    subscribe(topic, handler) {
      const subscription = connection.subscribe(subject(topic), {
        callback: (error, message) => {
          if (error) return;
          try {
            handler(codec.decode(message.data));
          } catch (failure) {
            log.error('cluster message handler failed', { topic, error: String(failure) });
          }
        },
      });
      return () => subscription.unsubscribe();
    },
    async close() {
      if (!connection.isClosed()) await connection.drain().catch(() => connection.close());
    },
  };
}
