/** English strings of live monitoring (issue 16); ru/monitoring.ts is typed against it through en.ts. */
export const monitoringEn = {
  title: 'Live monitoring',
  loading: 'Loading the live calls…',
  none: 'No answered calls right now.',
  call: '{{caller}} with {{agent}}',
  noAgent: 'no agent',
  modes: 'Monitor this call',
  mode: {
    listen: 'Listen',
    whisper: 'Whisper',
    barge: 'Barge in',
  },
  stop: 'Stop',
  state: {
    listen: 'You are listening; neither {{agent}} nor the caller hears you.',
    whisper: 'You are whispering: only {{agent}} hears you.',
    barge: 'You have joined the call: {{agent}} and the caller hear you.',
  },
  watcher: {
    listen: '{{lead}} is listening',
    whisper: '{{lead}} is whispering',
    barge: '{{lead}} has joined',
  },
  agent: {
    whispering: '{{lead}} is whispering to you; the caller does not hear them.',
    joined: '{{lead}} has joined the call; the caller hears them too.',
  },
};
