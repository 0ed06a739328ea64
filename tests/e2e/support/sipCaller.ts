/**
 * A bare SIP.js phone for the e2e tests: the caller (and a second agent for transfers) in its own
 * browser page, served from 127.0.0.1 by the test. SIP.js is bundled on the fly with Vite (it ships
 * ESM only); the page script is plain browser JavaScript exposing `window.phone`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'vite';

async function bundleSipJs(): Promise<string> {
  const repo = path.resolve(import.meta.dirname, '../../..');
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: repo,
    build: {
      write: false,
      minify: false,
      lib: { entry: path.join(repo, 'node_modules/sip.js/lib/index.js'), name: 'SIP', formats: ['iife'] },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  for (const out of outputs) {
    if ('output' in out) {
      const chunk = out.output.find((o) => o.type === 'chunk');
      if (chunk && chunk.type === 'chunk') return chunk.code;
    }
  }
  throw new Error('vite produced no SIP.js bundle');
}

/** Runs in the caller's page. Not type-checked: it is browser code handed over as text. */
const PHONE_SCRIPT = String.raw`
const phone = (window.phone = {
  ua: null, session: null, registered: false, incoming: 0, infoDigits: '', state: 'idle',
  ended: 0, autoAnswer: false, referred: 0,
});
const MEDIA = { constraints: { audio: true, video: false } };
function track(session) {
  phone.session = session;
  phone.state = 'new';
  session.delegate = {
    onInfo(info) {
      const m = /Signal=\s*(\S)/.exec(info.request.body || '');
      if (m) phone.infoDigits += m[1];
      info.accept();
    },
    onRefer(referral) {
      phone.referred += 1;
      referral.accept().then(() => {
        const inviter = referral.makeInviter({ sessionDescriptionHandlerOptions: MEDIA });
        track(inviter);
        inviter.invite();
      });
    },
  };
  session.stateChange.addListener((s) => {
    if (phone.session !== session) return;
    phone.state = s;
    if (s === 'Terminated') phone.ended += 1;
    if (s === 'Established') {
      const pc = session.sessionDescriptionHandler.peerConnection;
      const stream = new MediaStream();
      pc.getReceivers().forEach((r) => r.track && stream.addTrack(r.track));
      const audio = new Audio();
      audio.srcObject = stream;
      audio.play().catch(() => {});
    }
  });
}
phone.register = async (server, uri, displayName, password) => {
  const ua = new SIP.UserAgent({
    uri: SIP.UserAgent.makeURI(uri),
    displayName,
    authorizationPassword: password,
    transportOptions: { server },
    logBuiltinEnabled: false,
    sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout: 500 },
    delegate: {
      onInvite(invitation) {
        phone.incoming += 1;
        track(invitation);
        if (phone.autoAnswer) invitation.accept({ sessionDescriptionHandlerOptions: MEDIA });
      },
    },
  });
  phone.ua = ua;
  await ua.start();
  const registerer = new SIP.Registerer(ua);
  await new Promise((resolve, reject) => {
    registerer.stateChange.addListener((s) => { if (s === 'Registered') { phone.registered = true; resolve(); } });
    registerer.register({ requestDelegate: { onReject: (r) => reject(new Error('REGISTER ' + r.message.statusCode)) } });
  });
};
phone.call = (target) => {
  const inviter = new SIP.Inviter(phone.ua, SIP.UserAgent.makeURI(target), { sessionDescriptionHandlerOptions: MEDIA });
  track(inviter);
  return inviter.invite().then(() => true);
};
phone.answer = () => phone.session.accept({ sessionDescriptionHandlerOptions: MEDIA });
phone.hangUp = () => phone.session.state === 'Established' ? phone.session.bye() : phone.session.cancel();
phone.bytesReceived = async () => {
  const pc = phone.session && phone.session.sessionDescriptionHandler && phone.session.sessionDescriptionHandler.peerConnection;
  if (!pc) return 0;
  let bytes = 0;
  (await pc.getStats()).forEach((r) => { if (r.type === 'inbound-rtp' && r.kind === 'audio') bytes += r.bytesReceived || 0; });
  return bytes;
};
phone.direction = () => {
  const pc = phone.session && phone.session.sessionDescriptionHandler && phone.session.sessionDescriptionHandler.peerConnection;
  const t = pc && pc.getTransceivers()[0];
  return t ? t.currentDirection : null;
};
`;

export interface CallerServer {
  url: string;
  close(): Promise<void>;
}

export async function startCallerServer(): Promise<CallerServer> {
  const sipJs = await bundleSipJs();
  const page =
    '<!doctype html><meta charset="utf-8"><title>caller</title><script src="/sip.js"></script><script src="/phone.js"></script>';
  const server: Server = createServer((request, response) => {
    const body = request.url === '/sip.js' ? sipJs : request.url === '/phone.js' ? PHONE_SCRIPT : page;
    const type = request.url?.endsWith('.js') ? 'text/javascript' : 'text/html';
    response.writeHead(200, { 'content-type': `${type}; charset=utf-8` });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
