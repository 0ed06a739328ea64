/** The customer's complaints and requests on the customer card. */
export function CustomerRegister(_props: { customerId: string }) {
  return null;
}
