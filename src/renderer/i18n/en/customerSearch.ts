/** English strings of the customer desk's search part; ru/customerSearch.ts is typed against it through en.ts. */
export const customerSearchEn = {
  title: 'Find a customer',
};
