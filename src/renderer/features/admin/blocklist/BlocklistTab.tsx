import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Block } from '../../../../shared/calls/blocklist.js';
import { IdentityKind } from '../../../../shared/domain.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { useAppDispatch } from '../../../app/hooks.js';
import { formatFullTime } from '../../../i18n/format.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { FieldProblems, SavedNote } from '../AdminParts.js';
import { settle } from '../adminThunks.js';
import { SelectField } from '../fields/SelectField.js';
import { TextField } from '../fields/TextField.js';
import { useSaving } from '../fields/useSaving.js';
import { addBlock, loadBlocks, removeBlock } from '../lines/linesThunks.js';
import {
  checkBlockDraft,
  emptyBlock,
  hubProblems,
  type BlockDraft,
  type BlockProblem,
  type BlockProblems,
} from './blockForm.js';

/** Numbers and identities that may not reach an agent: add one with a reason (and an end), list, unblock. */
export function BlocklistTab() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [blocks, setBlocks] = useState<Block[] | null>(null);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [removeError, setRemoveError] = useState<ErrorInfo | null>(null);

  const reload = useCallback(async () => {
    const result = await settle(dispatch(loadBlocks()).unwrap());
    if (!result.ok) return setLoadError(result.error);
    setLoadError(null);
    setBlocks(result.value.blocks);
  }, [dispatch]);

  useEffect(() => {
    void reload();
  }, [reload]);

  if (loadError) return <ErrorMessage error={loadError} />;
  if (!blocks) return <p role="status">{t('admin.loading')}</p>;

  async function unblock(block: Block) {
    const result = await settle(dispatch(removeBlock(block.id)).unwrap());
    if (!result.ok) return setRemoveError(result.error);
    setRemoveError(null);
    await reload();
  }

  return (
    <div className="admin-stack">
      <BlockForm onAdded={reload} />
      <section aria-label={t('admin.blocklist.list')}>
        <h3>{t('admin.blocklist.list')}</h3>
        <ErrorMessage error={removeError} />
        {blocks.length === 0 ? (
          <p className="placeholder">{t('admin.blocklist.none')}</p>
        ) : (
          <BlockList blocks={blocks} onUnblock={(block) => void unblock(block)} />
        )}
      </section>
    </div>
  );
}

function BlockList({ blocks, onUnblock }: { blocks: readonly Block[]; onUnblock: (block: Block) => void }) {
  const { t, i18n } = useTranslation();
  const time = (ms: number) => formatFullTime(ms, i18n.language);
  return (
    <ul className="admin-blocks" aria-label={t('admin.blocklist.list')}>
      {[...blocks]
        .sort((a, b) => b.addedAt - a.addedAt)
        .map((block) => (
          <li key={block.id}>
            <p>
              <strong>{block.value}</strong> <span className="hint">{t(`customer.identityKind.${block.kind}`)}</span>
            </p>
            <p>{block.reason}</p>
            <p className="hint">
              {t('admin.blocklist.added', { name: block.addedByName, time: time(block.addedAt) })} ·{' '}
              {block.expiresAt === null
                ? t('admin.blocklist.forever')
                : t('admin.blocklist.until', { time: time(block.expiresAt) })}
            </p>
            <button
              type="button"
              className="button subtle"
              aria-label={t('admin.blocklist.remove', { value: block.value })}
              onClick={() => onUnblock(block)}
            >
              {t('admin.blocklist.unblock')}
            </button>
          </li>
        ))}
    </ul>
  );
}

function BlockForm({ onAdded }: { onAdded: () => Promise<void> }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [draft, setDraft] = useState<BlockDraft>(emptyBlock);
  const [problems, setProblems] = useState<BlockProblems>({});
  const { error, setError, saved, clearSaved, busy, save } = useSaving(false);

  const say = (problem: BlockProblem | undefined): string | undefined => {
    if (!problem) return undefined;
    if (problem.key === 'hub') return problem.message;
    return t(`admin.blocklist.error.${problem.key}`, problem);
  };
  const edit = (patch: Partial<BlockDraft>) => {
    setDraft({ ...draft, ...patch });
    clearSaved();
  };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    clearSaved();
    setError(null);
    const checked = checkBlockDraft(draft, Date.now());
    if (!checked.ok) return setProblems(checked.problems);
    setProblems({});
    const added = await save(
      () => dispatch(addBlock(checked.block)).unwrap(),
      (hubError) => setProblems(hubProblems(hubError)),
    );
    if (!added) return;
    setDraft(emptyBlock());
    await onAdded();
  }

  const expiresProblem = say(problems.expires);
  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('admin.blocklist.form')}>
      <SelectField
        id={`${id}-kind`}
        label={t('admin.blocklist.kind')}
        value={draft.kind}
        onChange={(kind) => edit({ kind: IdentityKind.parse(kind) })}
        choices={IdentityKind.options.map((kind) => ({ value: kind, label: t(`customer.identityKind.${kind}`) }))}
        problem={say(problems.kind)}
      />
      <TextField
        id={`${id}-value`}
        label={t('admin.blocklist.value')}
        value={draft.value}
        onChange={(value) => edit({ value })}
        problem={say(problems.value)}
      />
      <TextField
        id={`${id}-reason`}
        label={t('admin.blocklist.reason')}
        value={draft.reason}
        onChange={(reason) => edit({ reason })}
        problem={say(problems.reason)}
      />
      <div className="field">
        <label htmlFor={`${id}-expires`}>{t('admin.blocklist.expires')}</label>
        <input
          id={`${id}-expires`}
          type="date"
          value={draft.expires}
          onChange={(e) => edit({ expires: e.target.value })}
          aria-invalid={expiresProblem ? true : undefined}
          aria-describedby={`${id}-expires-hint ${id}-expires-problem`}
        />
        <p className="hint" id={`${id}-expires-hint`}>
          {t('admin.blocklist.expiresHint')}
        </p>
        <FieldProblems id={`${id}-expires-problem`} message={expiresProblem} />
      </div>
      <FieldProblems id={`${id}-other-problem`} message={say(problems.other)} />
      {error && !error.issues ? <ErrorMessage error={error} /> : null}
      <div className="admin-actions">
        <button type="submit" className="button primary" disabled={busy} aria-busy={busy || undefined}>
          {t('admin.blocklist.add')}
        </button>
        <SavedNote text={saved} />
      </div>
    </form>
  );
}
