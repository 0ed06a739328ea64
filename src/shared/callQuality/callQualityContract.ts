/** The app contract's part for call quality: per-call figures, the warning, the per-agent summary, the shift check (issue 16): requests and events. */

export const callQualityRequests = {};

export const callQualityEvents = {};
