/**
 * `npm run pbx`: a SIP-over-WebSocket PBX in one command (Kamailio with resources/kamailio/okno.cfg).
 * OKNO_PBX_IP, OKNO_PBX_WS_PORT and OKNO_PBX_UDP_PORT choose where it listens.
 */
import { findKamailio, OKNO_KAMAILIO_CFG, startKamailio } from './kamailio.js';

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
  const pbx = await startKamailio({
    ip,
    wsPort: port('OKNO_PBX_WS_PORT', 8088),
    udpPort: port('OKNO_PBX_UDP_PORT', 5060),
    debug: 2,
    stdio: 'inherit',
  });
  console.log(`Kamailio is running (pid ${pbx.pid}).`);
  console.log(`Softphone settings: PBX address ${pbx.wsUrl}, SIP address sip:<extension>@${pbx.domain}`);
  console.log('Stop with Ctrl+C.');
  const stop = () => void pbx.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const code = await pbx.exited;
  console.error(`Kamailio exited with code ${code}`);
  process.exit(code ?? 1);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
