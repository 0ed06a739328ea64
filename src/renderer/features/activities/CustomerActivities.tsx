/** The customer's planned activities on the customer card. */
export function CustomerActivities(_props: { customerId: string }) {
  return null;
}
