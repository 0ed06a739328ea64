/** For admins and leads: recording has stopped (disk full, size cap). */
export function RecordingAlert() {
  return null;
}
