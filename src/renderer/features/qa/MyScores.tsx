/** In the top bar: the agent's own scores and comments. */
export function MyScores() {
  return null;
}
