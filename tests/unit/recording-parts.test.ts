/** Recording's small rules: which policy holds (group over line), when the notice is said, rtpengine's file names. */
import { describe, expect, it } from 'vitest';
import { ServiceLine } from '../../src/shared/calls/serviceLine.js';
import type { Group } from '../../src/shared/routing/chooseAgent.js';
import { callIdOfFile } from '../../src/server/recording/callAudio.js';
import { effectivePolicy, mayRecordOnLine } from '../../src/server/recording/policy.js';

const GROUP_ID = '0190a0b0-1111-7000-8000-00000000000a';
const line = (policy: 'all' | 'none' | 'on_demand', groupId: string | null = null) =>
  ServiceLine.parse({
    id: '0190a0b0-1111-7000-8000-000000000001',
    updatedAt: 0,
    number: '8800',
    name: 'Line',
    groupId,
    recording: { policy, notice: true, retentionDays: 30 },
  });
const group = (recordingPolicy?: 'all' | 'none' | 'on_demand' | null): Group => ({
  id: GROUP_ID,
  name: 'G',
  skills: { topics: [], languages: [], channels: [] },
  escalationGroupId: null,
  memberIds: [],
  recordingPolicy,
});

describe('recording policy', () => {
  it("takes the group's policy when it names one, else the line's", () => {
    expect(effectivePolicy(line('all'), group('none'))).toBe('none');
    expect(effectivePolicy(line('none'), group('on_demand'))).toBe('on_demand');
    expect(effectivePolicy(line('on_demand'), group(null))).toBe('on_demand');
    expect(effectivePolicy(line('all'), group(undefined))).toBe('all');
    expect(effectivePolicy(line('all'), null)).toBe('all');
    expect(effectivePolicy(null, null)).toBe('none');
  });

  it('says the notice only where a call may be recorded', () => {
    expect(mayRecordOnLine(line('all'), [])).toBe(true);
    expect(mayRecordOnLine(line('none'), [])).toBe(false);
    // the line's own group decides for it
    expect(mayRecordOnLine(line('all', GROUP_ID), [group('none')])).toBe(false);
    expect(mayRecordOnLine(line('none', GROUP_ID), [group('all')])).toBe(true);
    // no group of its own: any group that records may take the call
    expect(mayRecordOnLine(line('none'), [group('on_demand')])).toBe(true);
    expect(mayRecordOnLine(line('none'), [group('none')])).toBe(false);
  });
});

describe("rtpengine's recording file names", () => {
  it('gives back the Call-ID from its URI-escaped form', () => {
    expect(callIdOfFile('1-32181%40127.0.0.2-0123456789abcdef.pcap')).toBe('1-32181@127.0.0.2');
    expect(callIdOfFile('f112b0b8c024a2fe-0123456789abcdef.pcap')).toBe('f112b0b8c024a2fe');
    expect(callIdOfFile('abc%2fdef-0123456789abcdef.txt')).toBe('abc/def');
    expect(callIdOfFile('abc-0123.pcap')).toBeNull();
    expect(callIdOfFile('%E0%A4%A-0123456789abcdef.pcap')).toBeNull();
  });
});
