/** The topic tree: leads add, rename, move and retire topics. */
export function TopicsTab() {
  return null;
}
