/** The two wire encodings of the hub's PBX clients: netstrings (evapi) and bencode (rtpengine ng). */
import { describe, expect, it } from 'vitest';
import { bdecode, bencode } from '../../src/server/pbx/bencode.js';
import { encodeNetstring, NetstringDecoder } from '../../src/server/pbx/netstring.js';

describe('netstrings', () => {
  it('frames by bytes, not characters', () => {
    expect(encodeNetstring('{"a":"é"}').toString('utf8')).toBe('10:{"a":"é"},');
    expect(encodeNetstring('').toString('latin1')).toBe('0:,');
  });

  it('splits a stream cut anywhere, across and inside frames and inside a UTF-8 character', () => {
    const stream = Buffer.concat([encodeNetstring('first'), encodeNetstring('вторая'), encodeNetstring('')]);
    for (let cut = 0; cut <= stream.length; cut += 1) {
      const decoder = new NetstringDecoder();
      const out = [...decoder.push(stream.subarray(0, cut)), ...decoder.push(stream.subarray(cut))];
      expect(out).toEqual(['first', 'вторая', '']);
    }
    const decoder = new NetstringDecoder();
    const bytes = [...stream].map((byte) => decoder.push(Buffer.from([byte])));
    expect(bytes.flat()).toEqual(['first', 'вторая', '']);
  });

  it('refuses a broken stream naming what is wrong', () => {
    expect(() => new NetstringDecoder().push(Buffer.from('5:hello;'))).toThrow('does not end with ","');
    expect(() => new NetstringDecoder().push(Buffer.from('x5:hello,'))).toThrow('bad length prefix "x5"');
    expect(() => new NetstringDecoder().push(Buffer.from('05:hello,'))).toThrow('bad length prefix');
    expect(() => new NetstringDecoder().push(Buffer.from('99999999:'))).toThrow('over the limit');
    expect(() => new NetstringDecoder().push(Buffer.from('12345678901'))).toThrow('no length prefix');
  });
});

describe('bencode', () => {
  it('encodes an ng command with sorted keys', () => {
    const packet = bencode({ command: 'play media', 'call-id': 'q-abc', 'from-tag': 't1', file: '/x.wav', n: -3 });
    expect(packet.toString('utf8')).toBe('d7:call-id5:q-abc7:command10:play media4:file6:/x.wav8:from-tag2:t11:ni-3ee');
  });

  it('round-trips nested values and UTF-8 strings by byte length', () => {
    const value = { flags: ['trust-address', 'ICE=remove'], sdp: 'v=0\r\ns=Привет\r\n', n: 0, d: { e: [1, [2]] } };
    const bytes = bencode(value);
    expect(bytes.toString('utf8')).toContain('3:sdp21:v=0');
    expect(bdecode(bytes)).toEqual(value);
  });

  it('decodes an rtpengine reply', () => {
    expect(bdecode(Buffer.from('d6:resulti0e8:durationi6000ee'))).toEqual({ result: 0, duration: 6000 });
    expect(bdecode(Buffer.from('d6:result5:error12:error-reason15:Unknown call-ide'))).toEqual({
      result: 'error',
      'error-reason': 'Unknown call-id',
    });
  });

  it('refuses malformed input naming the byte', () => {
    expect(() => bdecode(Buffer.from('i12'))).toThrow('unterminated number at byte 1');
    expect(() => bdecode(Buffer.from('i1xe'))).toThrow('bad integer "1x"');
    expect(() => bdecode(Buffer.from('i-0e'))).toThrow('bad integer');
    expect(() => bdecode(Buffer.from('5:abc'))).toThrow('string runs past the end');
    expect(() => bdecode(Buffer.from('di1ei2ee'))).toThrow('dictionary key is not a string');
    expect(() => bdecode(Buffer.from('l1:a'))).toThrow('unexpected end');
    expect(() => bdecode(Buffer.from('i1ei2e'))).toThrow('trailing bytes at byte 3');
    expect(() => bdecode(Buffer.from('x'))).toThrow('unexpected "x" at byte 0');
    expect(() => bencode(1.5)).toThrow('1.5 is not an integer');
  });
});
