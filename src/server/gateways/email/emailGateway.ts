/** Email: IMAP in (imapReceiver), SMTP out (smtpSender), behind the one gateway interface. */
import type { EmailSecrets, EmailSettings } from '../channelConfig.js';
import type { Gateway, GatewayContext } from '../gateway.js';
import { ImapReceiver } from './imapReceiver.js';
import { createSmtpSender } from './smtpSender.js';

export function createEmailGateway(context: GatewayContext): Gateway {
  const settings = context.channel.settings as EmailSettings;
  const secrets = context.secrets as EmailSecrets;
  const receiver = new ImapReceiver(context, settings, secrets);
  const sender = createSmtpSender(settings, secrets);
  return {
    kind: 'email',
    start: async () => receiver.start(),
    stop: async () => {
      await receiver.stop();
      sender.close();
    },
    send: (message) => sender.send(message),
    replay: (payload) => receiver.replay(payload),
  };
}
