/** English strings of call quality (issue 16); ru/callQuality.ts is typed against it through en.ts. */
export const callQualityEn = {
  title: 'Call quality',
};
