/** Register types, their fields, deadlines and owner groups, and the business calendar. */
export function RegisterTypesTab() {
  return null;
}
