/** The app contract's part for call quality (decision 0040): the lead panel's per-agent summary. */
import { callQualityApi } from '../hubApi/callQualityApi.js';

export const callQualityRequests = {
  /** Per agent, calls that ended in [from, to): MOS, share with the warning, jitter / loss / RTT (leads). */
  'callQuality.summary': { input: callQualityApi.summary.input, output: callQualityApi.summary.output },
};

export const callQualityEvents = {};
