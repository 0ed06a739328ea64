/** Team settings → Recording: the size cap and whether agents hear their own calls. */
export function RecordingSettingsTab() {
  return null;
}
