import type { Gateway, GatewayContext } from '../gateway.js';

export function createVkGateway(context: GatewayContext): Gateway {
  return {
    kind: 'vk',
    start: async () => {},
    stop: async () => {},
    send: async () => {
      throw new Error(`${context.channel.kind} sending is not implemented yet`);
    },
  };
}
