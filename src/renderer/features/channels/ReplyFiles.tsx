import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  megabytes,
  OUTBOUND_FILE_MAX_BYTES,
  OUTBOUND_FILES_PER_REPLY,
  type UploadedFile,
} from '../../../shared/attachments.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { useAppDispatch } from '../../app/hooks.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { settle } from '../admin/adminThunks.js';
import { uploadReplyFile } from './channelThunks.js';

/**
 * Files on an email or Telegram reply: "Attach a file" uploads it to the hub at once (so sending
 * stays one step), the list shows what goes with the reply and lets the agent take one off.
 */
export function ReplyFiles({
  files,
  onChange,
}: {
  files: readonly UploadedFile[];
  onChange: (files: UploadedFile[]) => void;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ info: ErrorInfo; name: string } | null>(null);

  async function attach(list: FileList | null) {
    const picked = [...(list ?? [])];
    if (input.current) input.current.value = '';
    let current = [...files];
    for (const file of picked) {
      if (current.length >= OUTBOUND_FILES_PER_REPLY) break;
      setBusy(file.name);
      const result = await settle(dispatch(uploadReplyFile(file)).unwrap());
      setBusy(null);
      if (!result.ok) {
        setError({ info: result.error, name: file.name });
        return;
      }
      setError(null);
      current = [...current, result.value];
      onChange(current);
    }
  }

  return (
    <div className="reply-files">
      <input
        ref={input}
        id={`${id}-file`}
        type="file"
        multiple
        className="visually-hidden"
        onChange={(e) => void attach(e.target.files)}
        disabled={busy !== null || files.length >= OUTBOUND_FILES_PER_REPLY}
      />
      <label htmlFor={`${id}-file`} className="button">
        {t('replyFiles.attach')}
      </label>
      <span className="hint">{t('replyFiles.limit', { max: megabytes(OUTBOUND_FILE_MAX_BYTES) })}</span>
      {busy ? (
        <span role="status" className="hint">
          {t('replyFiles.uploading', { name: busy })}
        </span>
      ) : null}
      {files.length > 0 ? (
        <ul className="reply-file-list" aria-label={t('replyFiles.list')}>
          {files.map((file) => (
            <li key={file.id}>
              {file.name} <span className="hint">({megabytes(file.size)} MB)</span>{' '}
              <button
                type="button"
                className="link"
                aria-label={t('replyFiles.remove', { name: file.name })}
                onClick={() => onChange(files.filter((f) => f.id !== file.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error?.info.code === 'payload_too_large' ? (
        <p className="error" role="alert" title={error.info.message}>
          {t('replyFiles.tooLarge', { name: error.name, max: megabytes(OUTBOUND_FILE_MAX_BYTES) })}
        </p>
      ) : (
        <ErrorMessage error={error?.info ?? null} />
      )}
    </div>
  );
}
