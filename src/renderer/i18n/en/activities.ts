/** English strings of planned activities; ru/activities.ts is typed against it through en.ts. */
export const activitiesEn = {
  title: 'Planned activities',
};
