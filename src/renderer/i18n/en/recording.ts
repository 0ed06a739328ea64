/** English strings of call recordings (issue 16); ru/recording.ts is typed against it through en.ts. */
export const recordingEn = {
  title: 'Call recordings',
};
