/** English strings of the customer desk's identification part; ru/identification.ts is typed against it through en.ts. */
export const identificationEn = {
  title: 'Identification',
};
