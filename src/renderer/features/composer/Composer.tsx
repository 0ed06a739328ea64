import { useEffect, useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import type { Template } from '../../../shared/templates/template.js';
import { searchTemplates } from '../../../shared/templates/searchTemplates.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { useErrorText } from '../../ui/errorText.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { REPLY_FILE_CHANNELS, type UploadedFile } from '../../../shared/attachments.js';
import { ReplyFiles } from '../channels/ReplyFiles.js';
import { useAgentTyping } from '../channels/Typing.js';
import { selectConversation } from '../conversation/conversationSlice.js';
import { TemplatePicker, TemplateSuggestions } from '../templates/TemplatePicker.js';
import { useRecordingPause } from '../recording/useRecordingPause.js';
import { loadSuggestions, loadTemplates, renderTemplateFor, templateChosen } from '../templates/templateThunks.js';
import {
  charactersLeft,
  checkDraft,
  COUNTER_THRESHOLD,
  draftChanged,
  selectDraft,
  selectSendError,
  selectSending,
  sendMessage,
} from './composerSlice.js';

/** "Alt+1", "Ctrl+Shift+K": the chord of a key press as templates spell hotkeys; null without a modifier. */
export function hotkeyOf(event: {
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
  code: string;
}): string | null {
  if (!event.ctrlKey && !event.altKey && !event.metaKey) return null;
  const key = /^(?:Key([A-Z])|Digit(\d))$/.exec(event.code);
  if (!key) return null;
  const mods = [event.ctrlKey && 'Ctrl', event.altKey && 'Alt', event.shiftKey && 'Shift', event.metaKey && 'Meta'];
  return [...mods.filter(Boolean), key[1] ?? key[2]].join('+');
}

/**
 * The reply box. Enter sends, Shift+Enter starts a new line (and Enter while an input method is
 * composing does neither). Empty or over-long text is not sent. The text stays until the core
 * has accepted it, so a failed send loses nothing.
 *
 * Templates: "/" at the start opens a picker with fuzzy search (arrows move, Enter or Tab inserts,
 * Escape closes) or a template's hotkey (Alt+1) inserts it; beside the box the top suggestions for the customer's last message, the first
 * inserted by Tab in an empty box. Inserted text has its variables filled and stays editable.
 */
export function Composer({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const draft = useAppSelector((state) => selectDraft(state, threadId));
  const sending = useAppSelector((state) => selectSending(state, threadId));
  const error = useAppSelector((state) => selectSendError(state, threadId));
  const id = useId();
  const [library, setLibrary] = useState<Template[]>([]);
  const [suggestions, setSuggestions] = useState<Template[]>([]);
  const [active, setActive] = useState(0);
  const [templateProblem, setTemplateProblem] = useState<string | null>(null);
  const errorText = useErrorText();
  // Files uploaded for the reply, per thread (email and Telegram replies carry them).
  const channel = useAppSelector((state) => selectConversation(state).thread?.channel);
  const [files, setFiles] = useState<Record<string, UploadedFile[]>>({});
  const filesHere = files[threadId] ?? [];
  const typing = useAgentTyping(threadId, channel);

  const pickerOpen = draft.startsWith('/');
  const query = pickerOpen ? draft.slice(1) : '';
  const matches = useMemo(() => (pickerOpen ? searchTemplates(query, library, 8) : []), [pickerOpen, query, library]);
  const draftEmpty = draft.trim() === '';
  // A sensitive template is on screen from its insertion until the reply is sent or its text cleared;
  // the thread's call recording pauses meanwhile (issue 16, decision 0038).
  const [sensitiveIn, setSensitiveIn] = useState<Record<string, boolean>>({});
  useEffect(() => {
    if (draftEmpty) setSensitiveIn(({ [threadId]: _gone, ...rest }) => rest);
  }, [draftEmpty, threadId]);
  useRecordingPause(threadId, 'sensitive_template', (sensitiveIn[threadId] ?? false) && !draftEmpty);

  useEffect(() => {
    void dispatch(loadTemplates())
      .unwrap()
      .then((r) => setLibrary(r.templates))
      .catch(() => setLibrary([]));
  }, [dispatch]);

  // Suggestions follow the thread, and are asked again whenever the box is emptied (after a send).
  useEffect(() => {
    if (!draftEmpty) return;
    void dispatch(loadSuggestions({ threadId }))
      .unwrap()
      .then((r) => setSuggestions(r.suggestions.map((s) => s.template)))
      .catch(() => setSuggestions([]));
  }, [dispatch, threadId, draftEmpty]);

  async function insert(template: Template) {
    setActive(0);
    try {
      const rendered = await dispatch(renderTemplateFor({ templateId: template.id, threadId })).unwrap();
      dispatch(draftChanged({ threadId, text: rendered.text ?? rendered.source }));
      setSensitiveIn((held) => ({ ...held, [threadId]: template.sensitive === true }));
      setTemplateProblem(rendered.text === null ? rendered.problems.join('; ') : null);
      void dispatch(templateChosen({ templateId: template.id, threadId }));
    } catch (error) {
      // In the agent's language (e.g. template_deleted: deleted on the hub while offline); the draft is untouched.
      setTemplateProblem(errorText(error as ErrorInfo));
    }
  }

  const check = checkDraft(draft);
  const left = charactersLeft(draft);
  const showCounter = left <= COUNTER_THRESHOLD;

  function send() {
    if (!check.ok || sending) return;
    const attachmentIds = filesHere.map((f) => f.id);
    void dispatch(sendMessage({ threadId, text: draft, attachmentIds }))
      .unwrap()
      .then(() => setFiles(({ [threadId]: _sent, ...rest }) => rest))
      .catch(() => undefined);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (pickerOpen && !event.nativeEvent.isComposing) {
      const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1 };
      if (event.key in moves && matches.length > 0) {
        event.preventDefault();
        setActive((i) => (i + moves[event.key]! + matches.length) % matches.length);
        return;
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && matches[active]) {
        event.preventDefault();
        void insert(matches[active]);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        dispatch(draftChanged({ threadId, text: '' }));
        return;
      }
    }
    const chord = hotkeyOf(event);
    const byHotkey = chord ? library.find((tpl) => tpl.hotkey === chord) : undefined;
    if (byHotkey) {
      event.preventDefault();
      void insert(byHotkey);
      return;
    }
    if (event.key === 'Tab' && !event.shiftKey && draftEmpty && suggestions[0]) {
      event.preventDefault();
      void insert(suggestions[0]);
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send();
  }

  const describedBy = [
    `${id}-hint`,
    showCounter ? `${id}-counter` : null,
    error ? `${id}-error` : null,
    templateProblem ? `${id}-template` : null,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <form className="composer" onSubmit={onSubmit}>
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {t('composer.label')}
      </label>
      <textarea
        id={`${id}-text`}
        className="composer-text"
        rows={3}
        value={draft}
        placeholder={t('composer.placeholder')}
        aria-invalid={left < 0 || undefined}
        aria-describedby={describedBy || undefined}
        aria-controls={pickerOpen && matches.length > 0 ? `${id}-picker` : undefined}
        aria-expanded={pickerOpen}
        aria-activedescendant={pickerOpen && matches[active] ? `${id}-picker-${active}` : undefined}
        onChange={(e) => {
          setActive(0);
          dispatch(draftChanged({ threadId, text: e.target.value }));
          typing();
        }}
        onKeyDown={onKeyDown}
      />
      <span id={`${id}-hint`} className="visually-hidden">
        {t('templates.hint')}
      </span>
      {pickerOpen ? (
        <TemplatePicker
          id={`${id}-picker`}
          query={query}
          matches={matches}
          active={active}
          onPick={(tpl) => void insert(tpl)}
        />
      ) : (
        <TemplateSuggestions suggestions={suggestions} onPick={(tpl) => void insert(tpl)} />
      )}
      {channel && REPLY_FILE_CHANNELS.includes(channel) ? (
        <ReplyFiles files={filesHere} onChange={(list) => setFiles((all) => ({ ...all, [threadId]: list }))} />
      ) : null}
      <div className="composer-footer">
        {templateProblem ? (
          <p id={`${id}-template`} className="error" role="alert">
            {t('templates.problems', { detail: templateProblem })}
          </p>
        ) : null}
        <ErrorMessage error={error} id={`${id}-error`} />
        {showCounter ? (
          <span id={`${id}-counter`} className={left < 0 ? 'counter over' : 'counter'}>
            {left < 0 ? t('composer.tooLong', { count: -left }) : t('composer.charsLeft', { count: left })}
          </span>
        ) : null}
        {sending ? <span className="hint">{t('composer.sending')}</span> : null}
        <button type="submit" className="button primary" disabled={!check.ok || sending}>
          {t('composer.send')}
        </button>
      </div>
    </form>
  );
}
