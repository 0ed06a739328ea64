/**
 * `npm run hub`: the hub as a standalone process. Settings come from flags or the environment:
 *   --port / OKNO_HUB_PORT (8740), --host / OKNO_HUB_HOST (127.0.0.1), --data-dir / OKNO_HUB_DATA_DIR (./.data/hub),
 *   --time-zone / OKNO_HUB_TIME_ZONE (UTC): the contact center's zone, whose day the stats call "today".
 * Host names behind a proxy: OKNO_HUB_ALLOWED_HOSTS (comma-separated; bound to loopback the hub answers to no other).
 * Backups: OKNO_HUB_BACKUP_DIR (on), OKNO_HUB_BACKUP_EVERY_HOURS (24), OKNO_HUB_BACKUP_KEEP (7); `npm run backup` any time.
 * Calls in the queue: OKNO_HUB_PBX_EVAPI, OKNO_HUB_PBX_RTPENGINE and OKNO_HUB_PBX_DTMF_PORT, as `npm run pbx` prints them;
 * call recording also needs OKNO_HUB_PBX_RECORDINGS (rtpengine's recording folder, printed too).
 * Database: SQLite in the data folder by default; --database-url / OKNO_HUB_DATABASE_URL (postgres://…) keeps the data
 * in PostgreSQL instead (docs/deployment.md).
 * On the first start it prints the administrator's password, once.
 */
import { parseArgs } from 'node:util';
import { pbxFromEnv } from './calls/pbxSettings.js';
import { createHub } from './hub.js';
import { redactUrl } from './storage/postgres/redactUrl.js';

const USAGE = `usage: npm run hub -- [options]

  --port N              OKNO_HUB_PORT          listening port (8740; 0 picks a free one)
  --host ADDRESS        OKNO_HUB_HOST          listening address (127.0.0.1)
  --data-dir DIR        OKNO_HUB_DATA_DIR      the hub's secret key, files, and the SQLite database (./.data/hub)
  --time-zone ZONE      OKNO_HUB_TIME_ZONE     the contact center's zone for "today" in the stats (UTC)
  --database-url URL    OKNO_HUB_DATABASE_URL  postgres://user:password@host:5432/okno keeps the data in PostgreSQL;
                                               without it the hub uses SQLite in the data folder

  Several instances of one hub (each with the same --database-url, data folder contents and settings):
  --nats-url URL        OKNO_HUB_NATS_URL      nats://host:4222, the broker the instances tell each other through
  --instance-id NAME    OKNO_HUB_INSTANCE_ID   this instance's name in the cluster (default: a new id each start)
  Health for the load balancer: GET /healthz (the process answers), GET /readyz (database and broker reachable)

  --trusted-proxy LIST  OKNO_HUB_TRUSTED_PROXIES  the load balancer's addresses (comma-separated, address or
                                               address/prefix): their X-Forwarded-For names the client, so
                                               sign-in and widget limits count clients, not the balancer
  Proxy host names: OKNO_HUB_ALLOWED_HOSTS (comma-separated)
  Backups (SQLite only): OKNO_HUB_BACKUP_DIR, OKNO_HUB_BACKUP_EVERY_HOURS (24), OKNO_HUB_BACKUP_KEEP (7)
  Calls: OKNO_HUB_PBX_EVAPI, OKNO_HUB_PBX_RTPENGINE, OKNO_HUB_PBX_DTMF_PORT, OKNO_HUB_PBX_RECORDINGS (npm run pbx prints them)

  Deployment with PostgreSQL, a load balancer and TLS: docs/deployment.md`;

interface Settings {
  port: number;
  host: string;
  dataDir: string;
  timeZone: string;
  databaseUrl: string | undefined;
  natsUrl: string | undefined;
  instanceId: string | undefined;
  trustedProxies: string[];
}

function settings(): Settings {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'time-zone': { type: 'string' },
      'database-url': { type: 'string' },
      'nats-url': { type: 'string' },
      'instance-id': { type: 'string' },
      'trusted-proxy': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const portText = values.port ?? process.env.OKNO_HUB_PORT ?? '8740';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`port must be a whole number from 0 to 65535, got "${portText}"`);
  }
  return {
    port,
    host: values.host ?? process.env.OKNO_HUB_HOST ?? '127.0.0.1',
    dataDir: values['data-dir'] ?? process.env.OKNO_HUB_DATA_DIR ?? './.data/hub',
    timeZone: values['time-zone'] ?? process.env.OKNO_HUB_TIME_ZONE ?? 'UTC',
    databaseUrl: values['database-url'] ?? (process.env.OKNO_HUB_DATABASE_URL?.trim() || undefined),
    natsUrl: values['nats-url'] ?? (process.env.OKNO_HUB_NATS_URL?.trim() || undefined),
    instanceId: values['instance-id'] ?? (process.env.OKNO_HUB_INSTANCE_ID?.trim() || undefined),
    trustedProxies: (values['trusted-proxy'] ?? process.env.OKNO_HUB_TRUSTED_PROXIES ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  };
}

async function main(): Promise<void> {
  const { port, host, dataDir, timeZone, databaseUrl, natsUrl, instanceId, trustedProxies } = settings();
  const pbx = pbxFromEnv(process.env);
  const allowedHosts = (process.env.OKNO_HUB_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const backupDir = process.env.OKNO_HUB_BACKUP_DIR?.trim();
  const backup = backupDir
    ? {
        dir: backupDir,
        everyHours: Number(process.env.OKNO_HUB_BACKUP_EVERY_HOURS ?? '24'),
        keep: Number(process.env.OKNO_HUB_BACKUP_KEEP ?? '7'),
      }
    : undefined;
  const hub = await createHub({
    port,
    host,
    dataDir,
    timeZone,
    allowedHosts,
    trustedProxies,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(natsUrl ? { cluster: { natsUrl, ...(instanceId ? { instanceId } : {}) } } : {}),
    ...(pbx ? { pbx } : {}),
    ...(backup ? { backup } : {}),
  });
  if (pbx)
    console.log(
      `Calls: Kamailio evapi ${pbx.evapi.host}:${pbx.evapi.port}, rtpengine ${pbx.rtpengine.host}:${pbx.rtpengine.port}`,
    );
  console.log(`Okno hub ${hub.url} (data in ${databaseUrl ? redactUrl(databaseUrl) : dataDir})`);
  console.log(`Web-chat widget demo: ${hub.url}/widget/demo`);
  if (hub.bootstrap) {
    console.log('');
    console.log('First start: an administrator was created. The password is shown only now:');
    console.log(`  login:    ${hub.bootstrap.login}`);
    console.log(`  password: ${hub.bootstrap.password}`);
    console.log('');
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing the hub`);
    hub.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('the hub did not close cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`okno hub: ${error instanceof Error ? error.message : String(error)}`);
  console.error(USAGE);
  process.exit(1);
});
