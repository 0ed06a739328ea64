/** English strings of the complaints and requests register; ru/register.ts is typed against it through en.ts. */
export const registerEn = {
  title: 'The complaints and requests register',
};
