/** English strings of live monitoring (issue 16); ru/monitoring.ts is typed against it through en.ts. */
export const monitoringEn = {
  title: 'Live monitoring',
};
