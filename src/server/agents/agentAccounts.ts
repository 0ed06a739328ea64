/**
 * Accounts as administrators and agents change them (decision 0025): disable and re-enable an
 * agent, set a new password, change one's own. Each change that takes access away ends the
 * agent's sessions in the same step (their live sockets close), so it holds within seconds.
 */
import type { Agent } from '../../shared/domain.js';
import { OknoError } from '../../shared/errors.js';
import type { AgentAccount } from '../../shared/hubApi/accountsApi.js';
import type { Sessions, SignedIn } from '../auth/sessions.js';
import type { SignInBackoff } from '../auth/signInBackoff.js';
import type { HubStore } from '../storage/hubStore.js';

export interface AgentAccountsDeps {
  store: HubStore;
  sessions: Sessions;
  backoff: SignInBackoff;
  now: () => number;
}

export class AgentAccounts {
  constructor(private readonly deps: AgentAccountsDeps) {}

  account(agentId: string): AgentAccount {
    const agent = this.deps.store.agents.byId(agentId);
    const state = this.deps.store.agents.account(agentId);
    if (!agent || !state) throw new OknoError('not_found', `agent ${agentId} does not exist`);
    return {
      id: agent.id,
      login: agent.login,
      name: agent.name,
      role: agent.role,
      disabled: state.disabledAt !== null,
      disabledAt: state.disabledAt,
      passwordChangedAt: state.passwordChangedAt,
    };
  }

  /** The agent cannot sign in; their sessions end and their status goes offline, in one step. */
  disable(by: Agent, agentId: string): { account: AgentAccount; sessionsEnded: number } {
    const { store, sessions } = this.deps;
    if (agentId === by.id) throw new OknoError('conflict', 'you cannot disable your own account');
    const target = this.account(agentId);
    if (target.disabled) return { account: target, sessionsEnded: 0 };
    store.write((tx) => {
      const agent = store.agents.byId(agentId);
      if (!agent) throw new OknoError('not_found', `agent ${agentId} does not exist`);
      if (agent.role === 'admin' && store.agents.enabledAdmins() <= 1) {
        throw new OknoError('conflict', 'the last administrator who can sign in cannot be disabled');
      }
      store.agents.setDisabled(agentId, tx.now, by.id);
      // Nothing is offered to someone who has left; their status change reaches every app.
      if (agent.status !== 'offline') store.agents.update(tx, { ...agent, status: 'offline', updatedAt: tx.now });
    });
    const sessionsEnded = sessions.endAgent(agentId, 'an administrator disabled this account');
    return { account: this.account(agentId), sessionsEnded };
  }

  enable(agentId: string): { account: AgentAccount; sessionsEnded: number } {
    const target = this.account(agentId);
    if (target.disabled) this.deps.store.agents.setDisabled(agentId, null, null);
    return { account: this.account(agentId), sessionsEnded: 0 };
  }

  /** An administrator sets a new password (the agent forgot theirs, or it leaked): all their sessions end. */
  async setPassword(agentId: string, newPassword: string): Promise<{ account: AgentAccount; sessionsEnded: number }> {
    const { store, sessions } = this.deps;
    this.account(agentId);
    const hash = await sessions.hash(newPassword);
    store.agents.setPasswordHash(agentId, hash, this.deps.now());
    const sessionsEnded = sessions.endAgent(agentId, 'an administrator set a new password for this account');
    return { account: this.account(agentId), sessionsEnded };
  }

  /**
   * The agent's own password, proven by the current one (slowed like sign-in, since it is a way
   * to guess too); their other sessions end, the one that asked stays.
   */
  async changeOwn(
    session: SignedIn,
    address: string,
    currentPassword: string,
    newPassword: string,
  ): Promise<{ changed: true; sessionsEnded: number }> {
    const { store, sessions, backoff } = this.deps;
    const login = session.agent.login;
    const verdict = backoff.check(login, address);
    if (verdict.paused) {
      const seconds = Math.ceil(verdict.retryAfterMs / 1000);
      throw new OknoError(
        'sign_in_paused',
        `too many wrong passwords; checking is paused for ${seconds} s`,
        undefined,
        { seconds, by: verdict.by },
      );
    }
    const stored = store.agents.credentials(login)?.passwordHash ?? null;
    if (!(await sessions.checkPassword(currentPassword, stored))) {
      backoff.failed(login, address);
      throw new OknoError('wrong_password', 'the current password is wrong; the password was not changed', [
        { path: 'currentPassword', message: 'the current password is wrong' },
      ]);
    }
    backoff.succeeded(login);
    if (currentPassword === newPassword) {
      throw new OknoError('bad_request', 'the new password is the same as the current one', [
        { path: 'newPassword', message: 'the new password is the same as the current one' },
      ]);
    }
    const hash = await sessions.hash(newPassword);
    store.agents.setPasswordHash(session.agent.id, hash, this.deps.now());
    const sessionsEnded = sessions.endAgent(
      session.agent.id,
      'the password of this account was changed in another app',
      session.tokenHash,
    );
    return { changed: true, sessionsEnded };
  }
}
