import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AutoReplyRule, AutoReplyTrigger, TriggerKind } from '../../../../shared/autoReplies/autoReplyRule.js';
import { Channel } from '../../../../shared/domain.js';
import type { ErrorInfo } from '../../../../shared/errors.js';
import { useAppDispatch, useAppSelector } from '../../../app/hooks.js';
import { LANGUAGE_NAMES } from '../../../i18n/index.js';
import { ErrorMessage } from '../../../ui/ErrorMessage.js';
import { selectAgent } from '../../session/sessionSlice.js';
import { issuesUnder, joinList, splitList } from '../adminForms.js';
import { FieldProblems, SavedNote } from '../AdminParts.js';
import { loadAutoReplies, saveAutoReplies, settle } from '../adminThunks.js';
import { FormActions } from '../fields/FormActions.js';
import { CheckList, TextField } from '../fields/TextField.js';
import { useSaving } from '../fields/useSaving.js';
import { useSelection } from '../fields/useSelection.js';
import { TemplatePreview } from '../library/TemplatePreview.js';

const LANGUAGES = ['en', 'ru'] as const;
const TRIGGERS: readonly TriggerKind[] = [
  'first_message',
  'no_answer',
  'wait_above',
  'outside_hours',
  'thread_closed',
  'agent_away',
];
const NEW = 'new';

type Draft = Omit<AutoReplyRule, 'id'> & { id?: string };

const EMPTY: Draft = {
  name: '',
  enabled: true,
  trigger: { kind: 'first_message' },
  channels: [],
  topics: [],
  texts: { en: '' },
  oncePerThread: true,
};

/** Auto-reply rules: the list, and a form for one rule; the whole set is saved at once, as the hub keeps it. */
export function AutoRepliesTab() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [rules, setRules] = useState<AutoReplyRule[] | null>(null);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const { selected, justSaved, pick, savedAs } = useSelection();

  const reload = useCallback(async () => {
    const result = await settle(dispatch(loadAutoReplies()).unwrap());
    if (!result.ok) return setLoadError(result.error);
    setLoadError(null);
    setRules(result.value.rules);
  }, [dispatch]);

  useEffect(() => {
    void reload();
  }, [reload]);

  if (loadError) return <ErrorMessage error={loadError} />;
  if (!rules) return <p role="status">{t('admin.loading')}</p>;
  const current = selected === NEW ? null : (rules.find((r) => r.id === selected) ?? rules[0] ?? null);

  return (
    <div className="admin-columns">
      <nav className="admin-list" aria-label={t('admin.rules.list')}>
        <ul>
          {rules.map((rule) => (
            <li key={rule.id}>
              <button
                type="button"
                className="admin-list-item"
                aria-current={rule === current && selected !== NEW ? 'true' : undefined}
                onClick={() => pick(rule.id)}
              >
                <span>{rule.name}</span>
                <span className="hint">
                  {t(`admin.rules.trigger.${rule.trigger.kind}`)}
                  {rule.enabled ? '' : ` · ${t('admin.rules.off')}`}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="button" onClick={() => pick(NEW)}>
          {t('admin.rules.new')}
        </button>
      </nav>
      {selected === NEW || current ? (
        <RuleForm
          key={selected === NEW ? NEW : current?.id}
          rule={selected === NEW ? EMPTY : current!}
          rules={rules}
          justSaved={selected !== NEW && current !== null && justSaved === current.id}
          onSaved={(saved, id) => {
            setRules(saved);
            savedAs(id);
          }}
        />
      ) : (
        <p className="placeholder">{t('admin.rules.none')}</p>
      )}
    </div>
  );
}

function triggerWith(kind: TriggerKind, amount: number): AutoReplyTrigger {
  if (kind === 'no_answer') return { kind, seconds: amount };
  if (kind === 'wait_above') return { kind, minutes: amount };
  return { kind };
}

function amountOf(trigger: AutoReplyTrigger): number {
  if (trigger.kind === 'no_answer') return trigger.seconds;
  if (trigger.kind === 'wait_above') return trigger.minutes;
  return 0;
}

function RuleForm({
  rule,
  rules,
  justSaved,
  onSaved,
}: {
  justSaved: boolean;
  rule: Draft;
  rules: readonly AutoReplyRule[];
  onSaved: (rules: AutoReplyRule[], id: string | null) => void;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const agent = useAppSelector(selectAgent);
  const id = useId();
  const [name, setName] = useState(rule.name);
  const [enabled, setEnabled] = useState(rule.enabled);
  const [kind, setKind] = useState<TriggerKind>(rule.trigger.kind);
  const [amount, setAmount] = useState(amountOf(rule.trigger) || (rule.trigger.kind === 'wait_above' ? 5 : 60));
  const [channels, setChannels] = useState<string[]>(rule.channels);
  const [topics, setTopics] = useState(joinList(rule.topics));
  const [texts, setTexts] = useState<Record<'en' | 'ru', string>>({ en: rule.texts.en ?? '', ru: rule.texts.ru ?? '' });
  const [oncePerThread, setOncePerThread] = useState(rule.oncePerThread);
  const { error, saved, busy, save } = useSaving(justSaved);
  const index = rule.id ? rules.findIndex((r) => r.id === rule.id) : rules.length;
  const issues = issuesUnder(error, `rules.${index}`);

  async function store(next: Draft[], selectId: (saved: AutoReplyRule[]) => string | null) {
    const result = await save(() => dispatch(saveAutoReplies({ rules: next })).unwrap());
    if (result) onSaved(result.rules, selectId(result.rules));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const edited: Draft = {
      ...(rule.id ? { id: rule.id } : {}),
      name,
      enabled,
      trigger: triggerWith(kind, amount),
      channels: Channel.options.filter((c) => channels.includes(c)),
      topics: splitList(topics),
      // An empty text means "no text in this language".
      texts: Object.fromEntries(LANGUAGES.filter((l) => texts[l].trim() !== '').map((l) => [l, texts[l]])),
      oncePerThread,
    };
    const next: Draft[] = rule.id ? rules.map((r) => (r.id === rule.id ? edited : r)) : [...rules, edited];
    void store(next, (saved) => saved[index]?.id ?? null);
  }

  function remove() {
    if (!rule.id || !window.confirm(t('admin.rules.confirmDelete', { name: rule.name }))) return;
    void store(
      rules.filter((r) => r.id !== rule.id),
      () => null,
    );
  }

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-label={t('admin.rules.form')}>
      <TextField
        id={`${id}-name`}
        label={t('admin.rules.name')}
        value={name}
        onChange={setName}
        problem={issues.name}
      />
      <label className="admin-check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        {t('admin.rules.enabled')}
      </label>
      <div className="admin-row">
        <div className="field">
          <label htmlFor={`${id}-trigger`}>{t('admin.rules.when')}</label>
          <select id={`${id}-trigger`} value={kind} onChange={(e) => setKind(e.target.value as TriggerKind)}>
            {TRIGGERS.map((k) => (
              <option key={k} value={k}>
                {t(`admin.rules.trigger.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {kind === 'no_answer' || kind === 'wait_above' ? (
          <div className="field">
            <label htmlFor={`${id}-amount`}>
              {kind === 'no_answer' ? t('admin.rules.seconds') : t('admin.rules.minutes')}
            </label>
            <input
              id={`${id}-amount`}
              type="number"
              min={kind === 'no_answer' ? 1 : 0}
              className="admin-number"
              value={amount}
              onChange={(e) => setAmount(Number(e.target.value) || 0)}
              aria-invalid={issues[`trigger.${kind === 'no_answer' ? 'seconds' : 'minutes'}`] ? true : undefined}
            />
            <FieldProblems
              id={`${id}-amount-problem`}
              message={issues[`trigger.${kind === 'no_answer' ? 'seconds' : 'minutes'}`]}
            />
          </div>
        ) : null}
      </div>
      <CheckList
        legend={t('admin.rules.channels')}
        options={Channel.options.map((channel) => ({ value: channel, label: t(`channel.${channel}`) }))}
        checked={channels}
        onChange={setChannels}
        hint={t('admin.anyIfNone')}
      />
      <TextField
        id={`${id}-topics`}
        label={t('admin.rules.topics')}
        value={topics}
        onChange={setTopics}
        hint={t('admin.rules.topicsHint')}
      />
      {LANGUAGES.map((language) => (
        <div className="field" key={language}>
          <label htmlFor={`${id}-text-${language}`}>
            {t('admin.rules.text', { language: LANGUAGE_NAMES[language] })}
          </label>
          <textarea
            id={`${id}-text-${language}`}
            rows={3}
            lang={language}
            value={texts[language]}
            onChange={(e) => setTexts({ ...texts, [language]: e.target.value })}
            aria-invalid={issues[`texts.${language}`] ? true : undefined}
            aria-describedby={`${id}-text-${language}-problem`}
          />
          <FieldProblems id={`${id}-text-${language}-problem`} message={issues[`texts.${language}`]} />
          {texts[language].trim() ? (
            <TemplatePreview text={texts[language]} language={language} agentName={agent?.name ?? ''} channel={null} />
          ) : null}
        </div>
      ))}
      <FieldProblems id={`${id}-texts-problem`} message={issues.texts} />
      <p className="hint">{t('admin.variablesHint')}</p>
      <label className="admin-check">
        <input type="checkbox" checked={oncePerThread} onChange={(e) => setOncePerThread(e.target.checked)} />
        {t('admin.rules.oncePerThread')}
      </label>
      {Object.keys(issues).length === 0 ? <ErrorMessage error={error} /> : null}
      <FormActions
        saveLabel={t('admin.rules.save')}
        busy={busy}
        deleteLabel={t('admin.rules.delete')}
        onDelete={rule.id ? remove : null}
      />
      <SavedNote text={saved} />
    </form>
  );
}
