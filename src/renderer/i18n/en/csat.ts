/** English strings of customer ratings (issue 16); ru/csat.ts is typed against it through en.ts. */
export const csatEn = {
  title: 'Customer ratings',
};
