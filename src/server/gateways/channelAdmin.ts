/**
 * Channel administration (admins and leads): channels are created, changed and turned off here.
 * Settings are validated per kind; secrets are sealed and never shown back, only which are set.
 * An update that points a channel somewhere else (an API address, a mail host, a callback URL)
 * must bring the secrets sent there again, so stored secrets never follow a new address.
 * Each change restarts the channel's gateway through the gateway host.
 */
import type { z } from 'zod';
import { ChannelInput, ChannelUpdate, secretsToRetype, type ChannelView } from '../../shared/channels/channelAdmin.js';
import { OknoError } from '../../shared/errors.js';
import { uuidv7 } from '../../shared/ids.js';
import type { Logger } from '../../shared/log.js';
import { describeIssues } from '../../shared/validation.js';
import type { ChannelsRepo, StoredChannel } from '../storage/channelsRepo.js';
import { CHANNEL_SCHEMAS } from './channelConfig.js';
import type { ChannelKind } from './gateway.js';
import { CHANNEL_HOOK_PREFIX, type GatewayHost } from './gatewayHost.js';
import type { SecretSeal } from './secretSeal.js';

export type { ChannelView };

export interface ChannelAdminDeps {
  channels: ChannelsRepo;
  seal: SecretSeal;
  host: GatewayHost;
  now: () => number;
  log: Logger;
}

export class ChannelAdmin {
  constructor(private readonly deps: ChannelAdminDeps) {}

  list(): ChannelView[] {
    return this.deps.channels.all().map((c) => this.view(c));
  }

  async create(input: unknown): Promise<ChannelView> {
    const parsed = parse(ChannelInput, input, 'channel');
    const { settings, secrets } = validateConfig(parsed.kind, parsed.settings, parsed.secrets);
    const now = this.deps.now();
    const channel: StoredChannel = {
      id: uuidv7(now),
      kind: parsed.kind,
      name: parsed.name,
      settings,
      enabled: parsed.enabled,
      secretsSealed: this.deps.seal.seal(secrets),
      createdAt: now,
      updatedAt: now,
    };
    this.deps.channels.save(channel);
    this.deps.log.info('channel created', { id: channel.id, kind: channel.kind });
    await this.deps.host.restart(channel);
    return this.view(channel);
  }

  async update(id: string, input: unknown): Promise<ChannelView> {
    const patch = parse(ChannelUpdate, input, 'channel update');
    const current = this.stored(id);
    const stored = this.deps.seal.open(current.secretsSealed);
    const typed = Object.keys(patch.secrets ?? {}).filter((name) => patch.secrets?.[name] !== '');
    const valid = validateConfig(current.kind, patch.settings ?? current.settings, { ...stored, ...patch.secrets });
    const retype = secretsToRetype(current.kind, current.settings, valid.settings, Object.keys(stored), typed);
    if (retype.secrets.length > 0) {
      this.deps.log.warn('channel update refused: endpoint changed without its secrets', { id, ...retype });
      throw new OknoError(
        'bad_request',
        `changing ${retype.settings.join(', ')} sends the channel's secrets to another server: ` +
          `enter ${retype.secrets.join(', ')} again`,
      );
    }
    const channel: StoredChannel = {
      ...current,
      name: patch.name ?? current.name,
      settings: valid.settings,
      enabled: patch.enabled ?? current.enabled,
      secretsSealed: this.deps.seal.seal(valid.secrets),
      updatedAt: this.deps.now(),
    };
    this.deps.channels.save(channel);
    await this.deps.host.restart(channel);
    return this.view(channel);
  }

  async disable(id: string): Promise<void> {
    this.stored(id);
    this.deps.channels.disable(id, this.deps.now());
    await this.deps.host.stop(id);
  }

  private stored(id: string): StoredChannel {
    const channel = this.deps.channels.byId(id);
    if (!channel) throw new OknoError('not_found', `channel ${id} does not exist`);
    return channel;
  }

  private view(channel: StoredChannel): ChannelView {
    return {
      id: channel.id,
      kind: channel.kind,
      name: channel.name,
      settings: channel.settings,
      secretsSet: Object.keys(this.deps.seal.open(channel.secretsSealed)).sort(),
      enabled: channel.enabled,
      webhookPath: `${CHANNEL_HOOK_PREFIX}/${channel.id}`,
      createdAt: channel.createdAt,
      updatedAt: channel.updatedAt,
    };
  }
}

function parse<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new OknoError('bad_request', `invalid ${what}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

function validateConfig(
  kind: ChannelKind,
  settings: unknown,
  secrets: unknown,
): { settings: Record<string, unknown>; secrets: Record<string, string> } {
  const schemas: { settings: z.ZodType; secrets: z.ZodType } = CHANNEL_SCHEMAS[kind];
  return {
    settings: parse(schemas.settings, settings, `${kind} settings`) as Record<string, unknown>,
    secrets: parse(schemas.secrets, secrets, `${kind} secrets`) as Record<string, string>,
  };
}
