/** English strings of call quality (decision 0040); ru/callQuality.ts is typed against it through en.ts. */
export const callQualityEn = {
  title: 'Call quality',
  poor: 'Connection poor — the customer may hear you badly',
  summary: {
    caption: 'Call quality by agent',
    period: 'Period',
    periods: { day: 'Last 24 hours', week: 'Last 7 days', month: 'Last 30 days' },
    range: 'From {{from}} to {{to}}',
    agent: 'Agent',
    calls: 'Calls',
    mos: 'Average MOS',
    poorShare: 'Poor calls',
    jitter: 'Jitter, ms',
    loss: 'Loss, %',
    rtt: 'Round trip, ms',
    engineLoss: 'Loss at the PBX, %',
    none: 'No calls with quality figures in this period.',
    failed: 'Call quality could not be loaded: {{detail}}',
    noData: '—',
  },
};
