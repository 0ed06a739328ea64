import type { ParsedInput, SessionState } from '../../../shared/contract.js';
import type { Agent } from '../../../shared/domain.js';
import { OknoError } from '../../../shared/errors.js';
import { describeHubAddressProblem, hubAddressProblem } from '../../../shared/hubAddress.js';
import type { Logger } from '../../../shared/log.js';
import type { EventBus } from '../events/eventBus.js';
import type { SettingsService } from '../settings/settingsService.js';
import type { LocalStore } from '../store/localStore.js';
import type { ConnectionTracker } from '../sync/connectionTracker.js';
import type { HubClient } from '../sync/hubClient.js';
import { normalizeHubUrl } from '../sync/hubUrl.js';
import type { SyncSession } from '../sync/syncSession.js';
import { createAccountsClient } from '../hubApi/accountsClient.js';
import type { CredentialsStore } from './credentialsStore.js';

export interface SessionServiceDeps {
  store: LocalStore;
  credentials: CredentialsStore;
  settings: SettingsService;
  client: HubClient;
  connection: ConnectionTracker;
  events: EventBus;
  embeddedHubUrl: string | null;
  /** Builds the sync link for a signed-in session; `onUnauthorized` ends the session. */
  startSync(link: { hubUrl: string; token: string; onUnauthorized: () => void }): SyncSession;
  log: Logger;
  /** Ends the session on the hub at sign-out; default: the accounts API, 3 s at most. */
  endAtHub?: (link: { hubUrl: string; token: string }) => Promise<unknown>;
}

export interface SessionService {
  state(): SessionState;
  /** On start: with saved credentials, sync resumes by itself. */
  resume(): void;
  signIn(input: ParsedInput<'session.signIn'>): Promise<SessionState>;
  signOut(): Promise<SessionState>;
  /** The signed-in agent, or not_signed_in. */
  requireAgent(): Agent;
  /** The hub and bearer token of the signed-in session, for calls outside sync (templates); null when signed out. */
  link(): { hubUrl: string; token: string } | null;
  kickPush(): void;
  /** The OS reports the network is back (the renderer's 'online' event): reach for the hub now. */
  networkBack(): void;
  close(): Promise<void>;
}

/**
 * The hub's login refusals as the sign-in screen words them: a 429 from the login route is always
 * the sign-in back-off and a 503 its full hashing queue (decision 0025); the sync client reads both
 * as generic "try later" codes.
 */
function signInRefusal(error: unknown): unknown {
  if (!(error instanceof OknoError)) return error;
  if (error.code === 'rate_limited') return new OknoError('sign_in_paused', error.message);
  if (error.code === 'hub_error' && / HTTP 503\b/.test(error.message)) return new OknoError('hub_busy', error.message);
  return error;
}

const OTHER_AGENT = 'not sent: another agent signed in on this computer before it reached the hub';

/**
 * Who is signed in to which hub. The token is kept sealed on disk; the replica is reset when a
 * different hub or a different agent signs in, so nobody sees another's cache.
 */
export function createSessionService(deps: SessionServiceDeps): SessionService {
  const { store, credentials, settings, connection, events, log } = deps;
  const endAtHub = deps.endAtHub ?? ((link) => createAccountsClient({ link: () => link, timeoutMs: 3_000 }).signOut());
  let current: { hubUrl: string; login: string; token: string } | null = null;
  let sync: SyncSession | null = null;

  function state(): SessionState {
    return {
      signedIn: current !== null,
      agent: current ? store.meta.agent() : null,
      hubUrl: current?.hubUrl ?? settings.get().hubUrl ?? deps.embeddedHubUrl,
    };
  }

  function begin(hubUrl: string, login: string, token: string): void {
    current = { hubUrl, login, token };
    const link = deps.startSync({
      hubUrl,
      token,
      onUnauthorized: () => {
        if (sync !== link) return;
        log.warn('the hub no longer accepts this sign-in', { hubUrl });
        void end('the hub asked to sign in again').catch((error: unknown) =>
          log.error('sign-out after 401 failed', { error: String(error) }),
        );
      },
    });
    sync = link;
    link.start();
  }

  async function stopSync(): Promise<void> {
    const link = sync;
    sync = null;
    await link?.stop();
  }

  async function end(reason: string | null): Promise<SessionState> {
    await stopSync();
    credentials.clear();
    current = null;
    connection.set('signed_out', reason);
    const next = state();
    events.emit('session.changed', next);
    return next;
  }

  /** A different hub or agent than the cache was made for: start the replica from zero. */
  function adoptIdentity(hubId: string, agent: Agent): void {
    store.transaction(() => {
      const previousHub = store.meta.hubId();
      const previousAgent = store.meta.agent();
      const otherAgent = previousAgent !== null && previousAgent.id !== agent.id;
      if ((previousHub !== null && previousHub !== hubId) || otherAgent) {
        log.info('new hub or agent; clearing the local replica', { otherAgent });
        // Another agent must not see what this one wrote; the same agent on a new hub keeps it.
        store.clearReplica({ keepLocal: !otherAgent });
      }
      // What another agent typed must not go out under this agent's name; it stays, as failed.
      if (otherAgent) store.outbox.failAllPending(OTHER_AGENT);
      store.meta.set('hub_id', hubId);
      store.meta.setAgent(agent);
      store.meta.remove('agent_seq');
    });
  }

  return {
    state,
    resume() {
      const saved = credentials.load();
      if (!saved) return;
      if (!store.meta.agent()) {
        log.warn('saved sign-in has no cached agent; sign-in needed');
        credentials.clear();
        return;
      }
      const hubUrl = saved.embedded && deps.embeddedHubUrl ? normalizeHubUrl(deps.embeddedHubUrl) : saved.hubUrl;
      // A sign-in saved by an older app to a plain http:// hub elsewhere is not used again.
      const problem = hubAddressProblem(hubUrl);
      if (problem) {
        log.warn('saved sign-in is to a hub address no longer accepted; sign-in needed', {
          reason: describeHubAddressProblem(hubUrl, problem),
        });
        credentials.clear();
        return;
      }
      begin(hubUrl, saved.login, saved.token);
    },
    async signIn(input) {
      const hubUrl = normalizeHubUrl(input.hubUrl);
      const response = await deps.client.login(hubUrl, input.login, input.password).catch((error: unknown) => {
        throw signInRefusal(error);
      });
      await stopSync();
      adoptIdentity(response.hubId, response.agent);
      const embedded = deps.embeddedHubUrl !== null && normalizeHubUrl(deps.embeddedHubUrl) === hubUrl;
      credentials.save({ hubUrl, login: input.login, token: response.token, embedded });
      // null keeps meaning "the embedded hub", whose address may change from run to run.
      if (!embedded && settings.get().hubUrl !== hubUrl) settings.update({ hubUrl });
      begin(hubUrl, input.login, response.token);
      connection.setPending(store.outbox.countPending());
      const next = state();
      events.emit('session.changed', next);
      log.info('signed in', { hubUrl, login: input.login });
      return next;
    },
    async signOut() {
      // The hub forgets the token too (its socket closes); offline, the token dies by its lifetime.
      const link = current ? { hubUrl: current.hubUrl, token: current.token } : null;
      if (link) {
        await endAtHub(link).catch((error: unknown) =>
          log.warn('the hub could not be told about the sign-out', { error: String(error) }),
        );
      }
      return end(null);
    },
    link() {
      return current ? { hubUrl: current.hubUrl, token: current.token } : null;
    },
    requireAgent() {
      const agent = current ? store.meta.agent() : null;
      if (!agent) throw new OknoError('not_signed_in', 'sign in to a hub first');
      return agent;
    },
    kickPush: () => sync?.kickPush(),
    networkBack: () => sync?.retryNow('the system reports the network is back'),
    close: () => stopSync(),
  };
}
