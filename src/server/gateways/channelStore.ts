/** The channel tables, wired once per hub database (beside HubStore, which they extend). */
import { ChannelsRepo } from '../storage/channelsRepo.js';
import { DeadLettersRepo } from '../storage/deadLettersRepo.js';
import { DeliveriesRepo } from '../storage/deliveriesRepo.js';
import { IdentitiesRepo } from '../storage/identitiesRepo.js';
import { InboundRepo } from '../storage/inboundRepo.js';
import { OutboundRepo } from '../storage/outboundRepo.js';
import type { Database } from '../storage/database.js';

export interface ChannelStore {
  channels: ChannelsRepo;
  identities: IdentitiesRepo;
  inbound: InboundRepo;
  deliveries: DeliveriesRepo;
  deadLetters: DeadLettersRepo;
  outbound: OutboundRepo;
}

export function openChannelStore(db: Database): ChannelStore {
  return {
    channels: new ChannelsRepo(db),
    identities: new IdentitiesRepo(db),
    inbound: new InboundRepo(db),
    deliveries: new DeliveriesRepo(db),
    deadLetters: new DeadLettersRepo(db),
    outbound: new OutboundRepo(db),
  };
}
