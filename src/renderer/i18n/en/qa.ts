/** English strings of quality scoring (issue 16); ru/qa.ts is typed against it through en.ts. */
export const qaEn = {
  title: 'Quality scoring',
};
