/** In the softphone: the microphone and network check before the shift. */
export function ShiftCheck() {
  return null;
}
