import type { Gateway, GatewayContext } from '../gateway.js';

export function createEmailGateway(context: GatewayContext): Gateway {
  return {
    kind: 'email',
    start: async () => {},
    stop: async () => {},
    send: async () => {
      throw new Error(`${context.channel.kind} sending is not implemented yet`);
    },
  };
}
