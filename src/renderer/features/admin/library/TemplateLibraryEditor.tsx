import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Channel } from '../../../../shared/domain.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import type { Template, TemplateBody } from '../../../../shared/templates/template.js';
import { useAppDispatch, useAppSelector } from '../../../app/hooks.js';
import { LANGUAGE_NAMES } from '../../../i18n/index.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { selectAgent } from '../../session/sessionSlice.js';
import { loadTemplates } from '../../templates/templateThunks.js';
import { byFolder, issuesUnder, joinList, splitList } from '../adminForms.js';
import { FieldProblems, SavedNote } from '../AdminParts.js';
import { deleteTemplate, saveTemplate, settle } from '../adminThunks.js';
import { FormActions } from '../fields/FormActions.js';
import { TextField } from '../fields/TextField.js';
import { useSaving } from '../fields/useSaving.js';
import { useSelection } from '../fields/useSelection.js';
import { TemplatePreview } from './TemplatePreview.js';

type Scope = Template['scope'];
const NEW = 'new';
const LANGUAGES = ['en', 'ru'] as const;

/**
 * The template library of one scope: the shared one (leads) or the signed-in agent's own. Folders
 * on the left, the selected template's form with a live preview of each text on the right.
 */
export function TemplateLibraryEditor({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const agent = useAppSelector(selectAgent);
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const { selected, justSaved, pick, savedAs } = useSelection();
  const [filter, setFilter] = useState('');
  const filterId = useId();

  const reload = useCallback(async () => {
    const result = await settle(dispatch(loadTemplates()).unwrap());
    if (!result.ok) return setLoadError(result.error);
    setLoadError(null);
    setTemplates(
      result.value.templates.filter((tpl) => tpl.scope === scope && (scope === 'shared' || tpl.ownerId === agent?.id)),
    );
  }, [dispatch, scope, agent?.id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  if (loadError) return <ErrorMessage error={loadError} />;
  if (!templates) return <p role="status">{t('admin.loading')}</p>;
  const needle = filter.trim().toLocaleLowerCase();
  const shown = needle
    ? templates.filter((tpl) =>
        [tpl.title, tpl.folder, ...tpl.tags, ...tpl.bodies.map((b) => b.text)].some((s) =>
          s.toLocaleLowerCase().includes(needle),
        ),
      )
    : templates;
  const current = selected === NEW ? null : (templates.find((tpl) => tpl.id === selected) ?? null);

  return (
    <div className="admin-columns">
      <nav className="admin-list" aria-label={t('admin.library.list')}>
        <div className="field">
          <label htmlFor={filterId}>{t('admin.library.filter')}</label>
          <input id={filterId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
        {byFolder(shown).map(([folder, list]) => (
          <div key={folder} className="admin-folder">
            <h4>{folder || t('admin.library.noFolder')}</h4>
            <ul>
              {list.map((tpl) => (
                <li key={tpl.id}>
                  <button
                    type="button"
                    className="admin-list-item"
                    aria-current={tpl === current ? 'true' : undefined}
                    onClick={() => pick(tpl.id)}
                  >
                    {tpl.title}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
        <button type="button" className="button" onClick={() => pick(NEW)}>
          {t('admin.library.new')}
        </button>
      </nav>
      {selected === NEW || current ? (
        <TemplateForm
          key={selected === NEW ? NEW : current?.id}
          scope={scope}
          template={current}
          agentName={agent?.name ?? ''}
          justSaved={current !== null && justSaved === current.id}
          onSaved={async (id) => {
            await reload();
            savedAs(id);
          }}
        />
      ) : (
        <p className="placeholder">{t('admin.library.pick')}</p>
      )}
    </div>
  );
}

interface BodyDraft {
  key: number;
  language: 'en' | 'ru';
  channel: Channel | null;
  text: string;
}

let nextKey = 1;
const draftOf = (body: TemplateBody): BodyDraft => ({ key: nextKey++, ...body });

function TemplateForm({
  scope,
  template,
  agentName,
  justSaved,
  onSaved,
}: {
  justSaved: boolean;
  scope: Scope;
  template: Template | null;
  agentName: string;
  onSaved: (id: string | null) => Promise<void>;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [folder, setFolder] = useState(template?.folder ?? '');
  const [title, setTitle] = useState(template?.title ?? '');
  const [tags, setTags] = useState(joinList(template?.tags ?? []));
  const [hotkey, setHotkey] = useState(template?.hotkey ?? '');
  const [sensitive, setSensitive] = useState(template?.sensitive ?? false);
  const [bodies, setBodies] = useState<BodyDraft[]>(
    (template?.bodies ?? [{ language: 'en', channel: null, text: '' }]).map(draftOf),
  );
  const { error, setError, saved, busy, save } = useSaving(justSaved);
  const issues = issuesUnder(error, '');

  const patch = (key: number, change: Partial<BodyDraft>) =>
    setBodies(bodies.map((b) => (b.key === key ? { ...b, ...change } : b)));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await save(() =>
      dispatch(
        saveTemplate({
          ...(template ? { id: template.id } : {}),
          scope,
          folder,
          title,
          tags: splitList(tags),
          hotkey: hotkey.trim() === '' ? null : hotkey.trim(),
          sensitive,
          bodies: bodies.map(({ language, channel, text }) => ({ language, channel, text })),
        }),
      ).unwrap(),
    );
    if (result) await onSaved(result.id);
  }

  async function remove() {
    if (!template || !window.confirm(t('admin.library.confirmDelete', { title: template.title }))) return;
    const result = await settle(dispatch(deleteTemplate(template.id)).unwrap());
    if (!result.ok) return setError(result.error);
    await onSaved(null);
  }

  const field = (name: 'folder' | 'title' | 'tags' | 'hotkey', value: string, set: (v: string) => void) => (
    <TextField
      id={`${id}-${name}`}
      label={t(`admin.library.${name}`)}
      value={value}
      onChange={set}
      problem={issues[name]}
    />
  );

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('admin.library.form')}>
      <div className="admin-row">
        {field('folder', folder, setFolder)}
        {field('title', title, setTitle)}
      </div>
      <div className="admin-row">
        {field('tags', tags, setTags)}
        {field('hotkey', hotkey, setHotkey)}
      </div>
      <label className="admin-check">
        <input type="checkbox" checked={sensitive} onChange={(e) => setSensitive(e.target.checked)} />
        {t('recording.sensitiveTemplate')}
      </label>
      <p className="hint">{t('recording.sensitiveTemplateHint')}</p>
      {bodies.map((body, index) => {
        const textId = `${id}-body-${body.key}`;
        const problem = issues[`bodies.${index}.text`] ?? issues[`bodies.${index}`];
        return (
          <fieldset key={body.key} className="admin-body">
            <legend>{t('admin.library.textNumber', { number: index + 1 })}</legend>
            <div className="admin-row">
              <div className="field">
                <label htmlFor={`${textId}-language`}>{t('admin.library.language')}</label>
                <select
                  id={`${textId}-language`}
                  value={body.language}
                  onChange={(e) => patch(body.key, { language: e.target.value === 'ru' ? 'ru' : 'en' })}
                >
                  {LANGUAGES.map((l) => (
                    <option key={l} value={l}>
                      {LANGUAGE_NAMES[l]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${textId}-channel`}>{t('admin.library.channel')}</label>
                <select
                  id={`${textId}-channel`}
                  value={body.channel ?? ''}
                  onChange={(e) => {
                    const parsed = Channel.safeParse(e.target.value);
                    patch(body.key, { channel: parsed.success ? parsed.data : null });
                  }}
                >
                  <option value="">{t('admin.library.anyChannel')}</option>
                  {Channel.options.map((c) => (
                    <option key={c} value={c}>
                      {t(`channel.${c}`)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div className="field">
              <label htmlFor={textId}>{t('admin.library.text')}</label>
              <textarea
                id={textId}
                rows={4}
                lang={body.language}
                value={body.text}
                onChange={(e) => patch(body.key, { text: e.target.value })}
                aria-invalid={problem ? true : undefined}
                aria-describedby={`${textId}-problem`}
              />
              <FieldProblems id={`${textId}-problem`} message={problem} />
            </div>
            <TemplatePreview text={body.text} language={body.language} agentName={agentName} channel={body.channel} />
            {bodies.length > 1 ? (
              <button
                type="button"
                className="button subtle"
                onClick={() => setBodies(bodies.filter((b) => b.key !== body.key))}
              >
                {t('admin.library.removeText', { number: index + 1 })}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      <FieldProblems id={`${id}-bodies-problem`} message={issues.bodies} />
      <button
        type="button"
        className="button"
        onClick={() => setBodies([...bodies, draftOf({ language: 'en', channel: null, text: '' })])}
      >
        {t('admin.library.addText')}
      </button>
      <p className="hint">{t('admin.variablesHint')}</p>
      {Object.keys(issues).length === 0 ? <ErrorMessage error={error} /> : null}
      <FormActions
        saveLabel={t('admin.library.save')}
        busy={busy}
        deleteLabel={t('admin.library.delete')}
        onDelete={template ? () => void remove() : null}
      />
      <SavedNote text={saved} />
    </form>
  );
}
