/** English strings of microphone and network check (issue 16); ru/shiftCheck.ts is typed against it through en.ts. */
export const shiftCheckEn = {
  title: 'Microphone and network check',
};
