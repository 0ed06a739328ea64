/**
 * A REAL Dovecot (IMAP + LMTP) and a REAL OpenSMTPD from Debian's packages, started by the test on
 * 127.0.0.1 with ports it picks and config files it writes into a temporary folder; mail sent to
 * any @example.test address is delivered by OpenSMTPD over LMTP into that user's Dovecot maildir.
 * Both are stopped by PID, even when a test fails. Never system services.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, waitForPort } from './freePort.js';

export const DOVECOT = '/usr/sbin/dovecot';
export const SMTPD = '/usr/sbin/smtpd';

/** Why the mail tests cannot run here, or null when they can. */
export function mailServersMissing(): string | null {
  if (!existsSync(DOVECOT)) return 'dovecot is not installed (apt-get install dovecot-imapd dovecot-lmtpd)';
  if (!existsSync('/usr/lib/dovecot/lmtp')) return 'dovecot-lmtpd is not installed';
  if (!existsSync(SMTPD)) return 'opensmtpd is not installed (apt-get install opensmtpd)';
  if (process.getuid?.() !== 0) return 'Dovecot and OpenSMTPD need root to start with their own users';
  return null;
}

export interface MailServers {
  imapPort: number;
  smtpPort: number;
  dir: string;
  password(user: string): string;
  stop(): Promise<void>;
}

let privateMounts: boolean | null = null;

/**
 * OpenSMTPD keeps one control socket per machine (/run/smtpd.sock) and one spool: a second instance
 * refuses to start ("control socket already listening"). Test files run in parallel and a bench may
 * run beside them, so each smtpd gets its own /run and spool in a private mount namespace where the
 * machine allows one (root with unshare); elsewhere it is started as it is.
 */
function smtpdCommand(dir: string, config: string): [string, string[]] {
  privateMounts ??= spawnSync('unshare', ['-m', 'true']).status === 0;
  if (!privateMounts) return [SMTPD, ['-d', '-f', config]];
  const run = path.join(dir, 'smtpd-run');
  const spool = path.join(dir, 'smtpd-spool');
  mkdirSync(run);
  mkdirSync(spool);
  chmodSync(spool, 0o711);
  const script = 'mount --bind "$1" /run && mount --bind "$2" /var/spool/smtpd && exec "$3" -d -f "$4"';
  // unshare and sh exec in place: the PID spawned is smtpd's own, so it is still stopped by PID.
  return ['unshare', ['-m', 'sh', '-c', script, 'sh', run, spool, SMTPD, config]];
}

async function waitForExit(pid: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

export async function startMailServers(users: string[]): Promise<MailServers> {
  const dir = mkdtempSync(path.join(tmpdir(), 'okno-mail-'));
  chmodSync(dir, 0o755);
  const mailDir = path.join(dir, 'mail');
  mkdirSync(mailDir);
  mkdirSync(path.join(dir, 'state'));
  const mail = spawnSync('id', ['-u', 'mail'], { encoding: 'utf8' }).stdout.trim();
  chownSync(mailDir, Number(mail), Number(mail));
  const passwords = new Map(users.map((u) => [u, `pw-${u.split('@')[0]}`]));
  writeFileSync(path.join(dir, 'users'), [...passwords].map(([u, p]) => `${u}:{PLAIN}${p}`).join('\n') + '\n');
  const [imapPort, lmtpPort, smtpPort] = [await freePort(), await freePort(), await freePort()];

  writeFileSync(
    path.join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${mailDir}/%u
first_valid_uid = ${mail}
mail_uid = mail
mail_gid = mail
mail_max_userip_connections = 50
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=mail gid=mail home=${mailDir}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${imapPort}
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${lmtpPort}
  }
  unix_listener lmtp {
    mode = 0666
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
  );
  writeFileSync(path.join(dir, 'vusers'), '@example.test mail\n', { mode: 0o644 });
  writeFileSync(
    path.join(dir, 'smtpd.conf'),
    `table vusers file:${dir}/vusers
listen on 127.0.0.1 port ${smtpPort}
smtp max-message-size 64M
action "deliver" lmtp "127.0.0.1:${lmtpPort}" rcpt-to virtual <vusers>
match from any for domain "example.test" action "deliver"
`,
    { mode: 0o644 },
  );

  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children.splice(0).reverse()) {
      if (!child.pid || child.exitCode !== null) continue;
      child.kill('SIGTERM');
      await waitForExit(child.pid);
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  };
  try {
    // Both in the foreground, as children of this process, so each is stopped by its own PID.
    children.push(spawn(DOVECOT, ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: 'ignore' }));
    const [command, args] = smtpdCommand(dir, path.join(dir, 'smtpd.conf'));
    children.push(spawn(command, args, { stdio: 'ignore' }));
    await waitForPort(imapPort);
    await waitForPort(smtpPort);
  } catch (error) {
    await stop();
    throw error;
  }
  return { imapPort, smtpPort, dir, password: (user) => passwords.get(user) ?? '', stop };
}
