/** Team settings → Scoring forms. */
export function QaFormsTab() {
  return null;
}
