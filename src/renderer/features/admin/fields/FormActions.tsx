/** The buttons under an editor's form: delete (only for an item that exists) and save. */
export function FormActions({
  saveLabel,
  busy,
  deleteLabel,
  onDelete,
}: {
  saveLabel: string;
  busy: boolean;
  deleteLabel: string;
  /** Absent for an item not saved yet: there is nothing to delete. */
  onDelete: (() => void) | null;
}) {
  return (
    <div className="admin-actions">
      {onDelete ? (
        <button type="button" className="button subtle" onClick={onDelete}>
          {deleteLabel}
        </button>
      ) : null}
      <button type="submit" className="button primary" disabled={busy} aria-busy={busy || undefined}>
        {saveLabel}
      </button>
    </div>
  );
}
