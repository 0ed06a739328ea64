import { describe, expect, it } from 'vitest';
import {
  callTransition,
  formatCallTimer,
  incomingDecision,
  newCall,
  talkDuration,
  type CallState,
} from '../../src/shared/softphone/callMachine.js';
import { normalizePhone, toE164 } from '../../src/shared/softphone/phoneNumber.js';
import { registerRefusal, reRegisterDelay, REGISTER_BACKOFF } from '../../src/shared/softphone/registration.js';
import { callLinkTarget, splitCallLinks } from '../../src/shared/softphone/callLinks.js';
import {
  dialTarget,
  isSipUri,
  parseSipUri,
  webSocketOrigin,
  webSocketUriProblem,
} from '../../src/shared/softphone/sipUri.js';

describe('phone numbers', () => {
  it('treats the Russian 8-prefix and +7 as one number', () => {
    const forms = ['8 916 123-45-67', '+7 (916) 123 45 67', '89161234567', '79161234567', 'tel:+79161234567'];
    for (const form of forms) expect(normalizePhone(form)).toEqual({ ok: true, e164: '+79161234567' });
    expect(toE164('8 800 555 35 35')).toBe('+78005553535');
  });

  it('keeps foreign numbers written with +', () => {
    expect(toE164('+1 202 555 0143')).toBe('+12025550143');
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
  });

  it('says why a number is not one', () => {
    expect(normalizePhone('')).toMatchObject({ ok: false, problem: 'empty' });
    expect(normalizePhone('call me')).toMatchObject({ ok: false, problem: 'not_a_number' });
    expect(normalizePhone('12')).toMatchObject({ ok: false });
    expect(normalizePhone('8 916 123')).toMatchObject({ ok: false });
    expect(toE164('+7 916 123 45 67 89 00 11')).toBeNull();
  });
});

describe('SIP addresses', () => {
  it('accepts sip and sips URIs and refuses malformed ones', () => {
    expect(parseSipUri('sip:agent1@127.0.0.1:5060')).toEqual({
      scheme: 'sip',
      user: 'agent1',
      host: '127.0.0.1',
      port: 5060,
    });
    expect(isSipUri('sips:+79161234567@pbx.example.com;transport=ws')).toBe(true);
    for (const bad of [
      'agent1@pbx',
      'sip:@pbx',
      'sip:agent1@',
      'sip:a b@pbx',
      'sip:a@pbx:99999',
      'sip:a@pbx..com',
      'http://x',
    ])
      expect(isSipUri(bad), bad).toBe(false);
  });

  it('checks the PBX WebSocket address and gives its origin', () => {
    expect(webSocketUriProblem('ws://127.0.0.1:8088')).toBeNull();
    expect(webSocketUriProblem('wss://pbx.example.com/ws')).toBeNull();
    expect(webSocketUriProblem('http://pbx.example.com')).toMatch(/ws:\/\//);
    expect(webSocketUriProblem('pbx')).toMatch(/URL/);
    expect(webSocketOrigin('wss://pbx.example.com:8089/ws')).toBe('wss://pbx.example.com:8089');
    expect(webSocketOrigin('nope')).toBeNull();
  });

  it('turns what was dialled into a request URI', () => {
    expect(dialTarget('8 (916) 123-45-67', 'pbx.local')).toEqual({
      ok: true,
      kind: 'phone',
      e164: '+79161234567',
      uri: 'sip:+79161234567@pbx.local',
    });
    expect(dialTarget('101', 'pbx.local')).toEqual({ ok: true, kind: 'extension', uri: 'sip:101@pbx.local' });
    expect(dialTarget('agent2', 'pbx.local')).toEqual({ ok: true, kind: 'extension', uri: 'sip:agent2@pbx.local' });
    expect(dialTarget('sip:bob@other.org', 'pbx.local')).toEqual({ ok: true, kind: 'sip', uri: 'sip:bob@other.org' });
    expect(dialTarget('bob@other.org', 'pbx.local')).toMatchObject({ ok: true, uri: 'sip:bob@other.org' });
    expect(dialTarget('sip:bob@', 'pbx.local')).toEqual({ ok: false, problem: 'bad_sip_uri' });
    expect(dialTarget('+7 916 12', 'pbx.local')).toMatchObject({ ok: false });
  });
});

describe('the call state machine', () => {
  const inbound = () => newCall({ id: 'c1', direction: 'inbound', remoteUri: 'sip:+79161234567@pbx', at: 1000 });

  it('rings, is answered, held and resumed, and ends by the remote side', () => {
    let call = inbound();
    expect(call.phase).toBe('ringing');
    call = callTransition(call, { type: 'answer' });
    expect(call.phase).toBe('connecting');
    call = callTransition(call, { type: 'established', at: 2000 });
    expect(call).toMatchObject({ phase: 'established', answeredAt: 2000 });
    call = callTransition(call, { type: 'hold', on: true });
    expect(call.phase).toBe('held');
    call = callTransition(call, { type: 'hold', on: false });
    expect(call.phase).toBe('established');
    call = callTransition(call, { type: 'dtmf', digit: '5' });
    call = callTransition(call, { type: 'dtmf', digit: '#' });
    call = callTransition(call, { type: 'dtmf', digit: 'x' });
    expect(call.dtmf).toBe('5#');
    call = callTransition(call, { type: 'mute', on: true });
    expect(call.muted).toBe(true);
    call = callTransition(call, { type: 'ended', at: 9000, by: 'remote', reason: 'bye' });
    expect(call).toMatchObject({ phase: 'ended', endedAt: 9000, endedBy: 'remote', endReason: 'bye' });
    expect(talkDuration(call, 99_999)).toBe(7000);
  });

  it('ignores events that do not fit the state', () => {
    const ringing = inbound();
    expect(callTransition(ringing, { type: 'hold', on: true })).toBe(ringing);
    expect(callTransition(ringing, { type: 'dtmf', digit: '1' })).toBe(ringing);
    expect(callTransition(ringing, { type: 'transferStarted', target: 'sip:x@y' })).toBe(ringing);
    const ended = callTransition(ringing, { type: 'ended', at: 1500, by: 'local', reason: 'declined' });
    expect(callTransition(ended, { type: 'established', at: 2000 })).toBe(ended);
    expect(callTransition(ended, { type: 'ended', at: 3000, by: 'remote', reason: 'bye' })).toBe(ended);
    expect(talkDuration(ended, 5000)).toBe(0);
  });

  it('dials, hears ringback, is answered', () => {
    let call = newCall({ id: 'c2', direction: 'outbound', remoteUri: 'sip:101@pbx', at: 0 });
    expect(call.phase).toBe('dialing');
    call = callTransition(call, { type: 'progress' });
    expect(call.remoteRinging).toBe(true);
    call = callTransition(call, { type: 'established', at: 10 });
    expect(call).toMatchObject({ phase: 'established', remoteRinging: false });
  });

  it('transfers: a failure keeps the caller on hold, a success ends the call as transferred', () => {
    let call: CallState = callTransition(callTransition(inbound(), { type: 'answer' }), { type: 'established', at: 5 });
    call = callTransition(call, { type: 'transferStarted', target: 'sip:agent2@pbx' });
    expect(call).toMatchObject({ phase: 'transferring', transferTarget: 'sip:agent2@pbx' });
    const failed = callTransition(call, { type: 'transferFailed' });
    expect(failed).toMatchObject({ phase: 'held', transferTarget: null });
    const done = callTransition(call, { type: 'ended', at: 50, by: 'local', reason: 'bye' });
    expect(done).toMatchObject({ phase: 'ended', endReason: 'transferred' });
  });

  it('rings only a ready agent with no call (after-call work is the hub’s after_call_work status)', () => {
    const base = { agentStatus: 'ready' as const, liveCalls: 0 };
    expect(incomingDecision(base)).toBe('ring');
    expect(incomingDecision({ ...base, agentStatus: 'not_ready' })).toBe('busy');
    expect(incomingDecision({ ...base, agentStatus: 'after_call_work' })).toBe('busy');
    expect(incomingDecision({ ...base, liveCalls: 1 })).toBe('busy');
  });

  it('formats the timer', () => {
    expect(formatCallTimer(0)).toBe('00:00');
    expect(formatCallTimer(65_400)).toBe('01:05');
    expect(formatCallTimer(3_725_000)).toBe('1:02:05');
  });
});

describe('re-register back-off', () => {
  it('grows, is capped, and never waits zero', () => {
    expect(reRegisterDelay(0, () => 0)).toBe(REGISTER_BACKOFF.baseMs / 2);
    expect(reRegisterDelay(0, () => 1)).toBe(REGISTER_BACKOFF.baseMs);
    expect(reRegisterDelay(3, () => 1)).toBe(4000);
    expect(reRegisterDelay(50, () => 1)).toBe(REGISTER_BACKOFF.maxMs);
  });
});

describe('the transfer chain and busy rules', () => {
  const talking = (): CallState => {
    let call = newCall({ id: 't', direction: 'inbound', remoteUri: 'sip:+79161234567@pbx', at: 1000 });
    call = callTransition(call, { type: 'answer' });
    return callTransition(call, { type: 'established', at: 2000 });
  };

  it('records every transfer, marks a refused one failed and the accepted one done', () => {
    let call = callTransition(talking(), {
      type: 'transferStarted',
      target: 'sip:agent2@pbx',
      kind: 'blind',
      at: 3000,
    });
    expect(call.transfers).toEqual([{ target: 'sip:agent2@pbx', kind: 'blind', at: 3000, ok: null }]);
    call = callTransition(call, { type: 'transferFailed' });
    expect(call.phase).toBe('held');
    expect(call.transfers[0]?.ok).toBe(false);
    call = callTransition(call, { type: 'transferStarted', target: 'sip:agent3@pbx', kind: 'attended', at: 4000 });
    call = callTransition(call, { type: 'ended', at: 5000, by: 'local', reason: 'bye' });
    expect(call.endReason).toBe('transferred');
    expect(call.transfers.map((t) => [t.target, t.kind, t.ok])).toEqual([
      ['sip:agent2@pbx', 'blind', false],
      ['sip:agent3@pbx', 'attended', true],
    ]);
  });

  it('does not count the caller leaving mid-transfer as a done hand-over', () => {
    let call = callTransition(talking(), {
      type: 'transferStarted',
      target: 'sip:agent2@pbx',
      kind: 'blind',
      at: 3000,
    });
    call = callTransition(call, { type: 'ended', at: 3500, by: 'remote', reason: 'bye' });
    expect(call.endReason).toBe('bye');
    expect(call.transfers[0]?.ok).toBe(false);
  });

  it('ignores a transfer on a call that is not up', () => {
    const ringing = newCall({ id: 'r', direction: 'inbound', remoteUri: 'sip:x@pbx', at: 0 });
    expect(callTransition(ringing, { type: 'transferStarted', target: 'sip:a@pbx', kind: 'blind', at: 1 })).toBe(
      ringing,
    );
  });

  it('rings only for a ready agent with no live call: on a call, in after-call work or away is busy', () => {
    const base = { liveCalls: 0 };
    expect(incomingDecision({ ...base, agentStatus: 'ready' })).toBe('ring');
    expect(incomingDecision({ ...base, agentStatus: 'ready', liveCalls: 1 })).toBe('busy');
    for (const status of ['not_ready', 'after_call_work', 'away', 'offline'] as const) {
      expect(incomingDecision({ ...base, agentStatus: status })).toBe('busy');
    }
  });
});

describe('registration problems and call links', () => {
  it('reads a refused REGISTER as a wrong password (401/403/407) or a refusal', () => {
    expect(registerRefusal(401)).toBe('wrong_password');
    expect(registerRefusal(403)).toBe('wrong_password');
    expect(registerRefusal(407)).toBe('wrong_password');
    expect(registerRefusal(404)).toBe('refused');
    expect(registerRefusal(503)).toBe('refused');
  });

  it('turns tel: and sip: links into dial targets, and refuses anything else', () => {
    expect(callLinkTarget('tel:+7 (916) 123-45-67')).toBe('+79161234567');
    expect(callLinkTarget('tel:+7%20916%20123-45-67;ext=12')).toBe('+79161234567');
    expect(callLinkTarget('TEL:8-916-123-45-67')).toBe('89161234567');
    expect(callLinkTarget('callto://89161234567')).toBe('89161234567');
    expect(callLinkTarget('sip:agent2@pbx.example.com')).toBe('sip:agent2@pbx.example.com');
    expect(callLinkTarget('sip:agent2@pbx.example.com?subject=hi')).toBe('sip:agent2@pbx.example.com');
    expect(callLinkTarget('sips:101@pbx.example.com:5061')).toBe('sips:101@pbx.example.com:5061');
    for (const bad of [
      'https://example.com',
      'mailto:a@b.c',
      'tel:',
      'tel:call-me',
      'sip:@pbx',
      'tel:%E0%A4%A',
      `tel:${'1'.repeat(400)}`,
    ]) {
      expect(callLinkTarget(bad)).toBeNull();
    }
  });
});

describe('numbers in message text', () => {
  it('links valid phone numbers and sip: addresses, and leaves dates, codes and prose alone', () => {
    expect(splitCallLinks('Call me at 8 (916) 123-45-67, after 5.')).toEqual([
      { text: 'Call me at ', href: null },
      { text: '8 (916) 123-45-67', href: 'tel:+79161234567' },
      { text: ', after 5.', href: null },
    ]);
    expect(splitCallLinks('or sip:agent2@pbx.example.com.')).toEqual([
      { text: 'or ', href: null },
      { text: 'sip:agent2@pbx.example.com', href: 'sip:agent2@pbx.example.com' },
      { text: '.', href: null },
    ]);
    for (const plain of ['Order 2024-11-25 12:30', 'code 123456', 'no numbers here', '', 'id 00000000000']) {
      expect(splitCallLinks(plain)).toEqual([{ text: plain, href: null }]);
    }
  });
});
