import type { Gateway, GatewayContext } from '../gateway.js';

export function createTelegramGateway(context: GatewayContext): Gateway {
  return {
    kind: 'telegram',
    start: async () => {},
    stop: async () => {},
    send: async () => {
      throw new Error(`${context.channel.kind} sending is not implemented yet`);
    },
  };
}
