import type { Message } from '../../shared/domain.js';
import type { WidgetMessage } from '../../shared/widgetProtocol.js';

/** What the customer sees of a message: no ids of agents or threads leave the hub. */
export function toWidgetMessage(message: Message): WidgetMessage {
  return {
    id: message.id,
    direction: message.direction,
    authorName: message.author.name,
    text: message.text,
    createdAt: message.createdAt,
  };
}
