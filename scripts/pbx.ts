/**
 * `npm run pbx`: a SIP-over-WebSocket PBX in one command (Kamailio with resources/kamailio/okno.cfg).
 * OKNO_PBX_IP, OKNO_PBX_WS_PORT and OKNO_PBX_UDP_PORT choose where it listens.
 * Users: OKNO_PBX_USERS names a file of "extension password" lines (default ./okno-pbx-users.txt,
 * made on the first run with extensions 101-105 and random passwords). OKNO_PBX_OPEN=1 skips auth.
 * WSS: OKNO_PBX_WSS_PORT with OKNO_PBX_TLS_CERT and OKNO_PBX_TLS_KEY (PEM files).
 * The call queue (docs/pbx-queue-protocol.md) is on when rtpengine is installed (OKNO_PBX_QUEUE=0 turns
 * it off): rtpengine starts first, then Kamailio with OKNO_QUEUE; it prints the settings the hub reads.
 * Ports: OKNO_PBX_EVAPI_PORT (8090), OKNO_PBX_RTPENGINE_PORT (ng, 22222), OKNO_PBX_DTMF_PORT (22223, the
 * hub listens there), OKNO_PBX_RTP_PORTS ("30000-30999"); OKNO_PBX_TRUNK_IPS lists trunk addresses.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findKamailio, OKNO_KAMAILIO_CFG, startKamailio } from './kamailio.js';
import { findRtpengine, startRtpengine, type RunningRtpengine } from './rtpengine.js';

/** Reads "extension password" lines (# comments allowed); makes a starter file when there is none. */
function loadUsers(file: string): Record<string, string> {
  if (!existsSync(file)) {
    const lines = ['# Okno PBX users: one "extension password" per line. Edit and restart `npm run pbx`.'];
    for (const extension of ['101', '102', '103', '104', '105']) {
      lines.push(`${extension} ${randomBytes(9).toString('base64url')}`);
    }
    writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
    console.log(`Made ${file} with extensions 101-105 and random passwords.`);
  }
  const users: Record<string, string> = {};
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) return;
      const match = /^(\S+)\s+(\S+)$/.exec(line);
      if (!match?.[1] || !match[2]) {
        console.error(`${file}:${index + 1}: expected "extension password", got "${line}"`);
        process.exit(2);
      }
      users[match[1]] = match[2];
    });
  return users;
}

function port(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`${name} must be a port number from 1 to 65535, got "${text}"`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  if (!findKamailio()) {
    console.error(
      'Kamailio is not installed. On Debian or Ubuntu: sudo apt-get install -y kamailio kamailio-websocket-modules\n' +
        `Or point any SIP-over-WebSocket PBX at your agents; the configuration Okno ships is ${OKNO_KAMAILIO_CFG}.`,
    );
    process.exit(1);
  }
  const ip = process.env.OKNO_PBX_IP ?? '127.0.0.1';
  const open = process.env.OKNO_PBX_OPEN === '1';
  const usersFile = path.resolve(process.env.OKNO_PBX_USERS ?? 'okno-pbx-users.txt');
  const users = open ? null : loadUsers(usersFile);
  const wssPort = process.env.OKNO_PBX_WSS_PORT ? port('OKNO_PBX_WSS_PORT', 8089) : null;
  const cert = process.env.OKNO_PBX_TLS_CERT;
  const key = process.env.OKNO_PBX_TLS_KEY;
  if (wssPort !== null && (!cert || !key)) {
    console.error('OKNO_PBX_WSS_PORT needs OKNO_PBX_TLS_CERT and OKNO_PBX_TLS_KEY (PEM files).');
    process.exit(2);
  }
  const queueOn = process.env.OKNO_PBX_QUEUE !== '0' && findRtpengine() !== null;
  if (!queueOn && process.env.OKNO_PBX_QUEUE !== '0') {
    console.error(
      'rtpengine is not installed: no call queue (apt-get install -y rtpengine-daemon kamailio-extra-modules).',
    );
  }
  let rtpengine: RunningRtpengine | null = null;
  let queue: { rtpengineNg: number; evapiPort: number; trunkIps: string[] } | undefined;
  let dtmfPort = 0;
  if (queueOn) {
    const rtpPorts = /^(\d+)-(\d+)$/.exec(process.env.OKNO_PBX_RTP_PORTS ?? '30000-30999');
    if (!rtpPorts?.[1] || !rtpPorts[2] || Number(rtpPorts[1]) >= Number(rtpPorts[2])) {
      console.error('OKNO_PBX_RTP_PORTS must be "low-high", e.g. 30000-30999');
      process.exit(2);
    }
    dtmfPort = port('OKNO_PBX_DTMF_PORT', 22223);
    rtpengine = await startRtpengine({
      ngPort: port('OKNO_PBX_RTPENGINE_PORT', 22222),
      portMin: Number(rtpPorts[1]),
      portMax: Number(rtpPorts[2]),
      dtmfLogDest: { host: '127.0.0.1', port: dtmfPort },
      recordingDir: path.resolve(process.env.OKNO_PBX_RECORDINGS ?? 'okno-pbx-recordings'),
      stdio: 'inherit',
    });
    const trunkIps = (process.env.OKNO_PBX_TRUNK_IPS ?? '')
      .split(',')
      .map((ip) => ip.trim())
      .filter(Boolean);
    queue = { rtpengineNg: rtpengine.ngPort, evapiPort: port('OKNO_PBX_EVAPI_PORT', 8090), trunkIps };
  }
  const pbx = await startKamailio({
    ip,
    wsPort: port('OKNO_PBX_WS_PORT', 8088),
    udpPort: port('OKNO_PBX_UDP_PORT', 5060),
    debug: 2,
    stdio: 'inherit',
    users,
    ...(wssPort !== null && cert && key ? { wss: { port: wssPort, certFile: cert, keyFile: key } } : {}),
    ...(queue ? { queue } : {}),
  }).catch(async (error: unknown) => {
    await rtpengine?.stop();
    throw error;
  });
  console.log(`Kamailio is running (pid ${pbx.pid}).`);
  console.log(`Softphone settings: PBX address ${pbx.wsUrl}, SIP address sip:<extension>@${pbx.domain}`);
  if (wssPort !== null) console.log(`Secure PBX address: wss://${ip}:${wssPort}`);
  console.log(
    users
      ? `Users and passwords: ${usersFile} (${Object.keys(users).length} extensions).`
      : 'No authentication (OKNO_PBX_OPEN=1): use it on a trusted network only.',
  );
  if (queue && rtpengine) {
    console.log(`Call queue on (rtpengine pid ${rtpengine.pid}). Start the hub with:`);
    console.log(`  OKNO_HUB_PBX_EVAPI=127.0.0.1:${queue.evapiPort}`);
    console.log(`  OKNO_HUB_PBX_RTPENGINE=127.0.0.1:${queue.rtpengineNg}`);
    console.log(`  OKNO_HUB_PBX_DTMF_PORT=${dtmfPort}`);
    console.log(`  OKNO_HUB_PBX_RECORDINGS=${rtpengine.recordingDir}`);
  }
  console.log('Stop with Ctrl+C.');
  const stop = () =>
    void pbx
      .stop()
      .then(() => rtpengine?.stop())
      .then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const code = await pbx.exited;
  console.error(`Kamailio exited with code ${code}`);
  await rtpengine?.stop();
  process.exit(code ?? 1);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
