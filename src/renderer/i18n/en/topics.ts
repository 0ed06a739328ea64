/** English strings of the topic tree and wrap-up; ru/topics.ts is typed against it through en.ts. */
export const topicsEn = {
  title: 'The topic tree and wrap-up',
};
