import { useState } from 'react';

/**
 * Which item of an editor's list is open, and which one was just saved. The form remounts for a
 * newly created item; its "Saved" note survives through `justSaved`.
 */
export function useSelection() {
  const [selected, setSelected] = useState<string | null>(null);
  const [justSaved, setJustSaved] = useState<string | null>(null);
  /** Opens an item (or the new-item form) as picked by the user. */
  const pick = (id: string) => {
    setJustSaved(null);
    setSelected(id);
  };
  /** Opens the item just saved (null: none, e.g. after a delete) with its "Saved" note. */
  const savedAs = (id: string | null) => {
    setJustSaved(id);
    setSelected(id);
  };
  return { selected, justSaved, pick, savedAs };
}
