/** Opens the register from the top bar. */
export function RegisterButton() {
  return null;
}
