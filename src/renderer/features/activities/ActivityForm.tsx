import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, NOTE_MAX, type ActivityKind } from '../../../shared/activities/activity.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { uuidv7 } from '../../../shared/ids.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { rejectedInfo } from '../../app/thunk.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { fromLocalInput, suggestedDue, targetOf, toLocalInput } from './activityForm.js';
import { loadActivityTargets, planActivity, selectActivityTargets } from './activitiesSlice.js';
import './activities.css';

/**
 * Plans a callback, meeting or reminder: what, when, for whom (oneself, another agent or a group)
 * and a note. Enter plans it; Escape closes. What was typed stays when the hub refuses it.
 */
export function ActivityForm({
  customerId,
  threadId,
  customerName,
  onClose,
}: {
  customerId: string | null;
  threadId: string | null;
  customerName: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const targets = useAppSelector(selectActivityTargets);
  const selfId = useAppSelector((state) => state.session.agent?.id ?? null);
  const headingId = useId();
  // One client id per form: planning twice (a retry after a lost answer) is one activity.
  const clientId = useMemo(() => uuidv7(), []);
  const [kind, setKind] = useState<ActivityKind>('callback');
  const [when, setWhen] = useState(() => toLocalInput(suggestedDue(Date.now())));
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

  useEffect(() => {
    if (!targets) void dispatch(loadActivityTargets());
  }, [dispatch, targets]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const dueAt = fromLocalInput(when);
    if (dueAt === null) {
      setError({
        code: 'bad_request',
        message: 'dueAt is not a time',
        issues: [{ path: 'dueAt', message: 'not a time' }],
      });
      return;
    }
    setSaving(true);
    setError(null);
    const action = await dispatch(
      planActivity({ id: clientId, kind, dueAt, customerId, threadId, note, ...targetOf(target) }),
    );
    setSaving(false);
    if (planActivity.fulfilled.match(action)) onClose();
    else setError(rejectedInfo(action));
  };

  const fieldLabels = {
    dueAt: t('activities.fields.dueAt'),
    agentId: t('activities.fields.agentId'),
    groupId: t('activities.fields.groupId'),
    customerId: t('activities.fields.customerId'),
    note: t('activities.fields.note'),
    kind: t('activities.fields.kind'),
  };
  const others = (targets?.agents ?? []).filter((a) => a.id !== selfId);

  return (
    <form
      className="activity-form"
      aria-labelledby={headingId}
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <h3 id={headingId}>{t('activities.planFor', { customer: customerName })}</h3>
      <label>
        {t('activities.kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as ActivityKind)} autoFocus>
          {ACTIVITY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`activities.kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('activities.when')}
        <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} required />
      </label>
      <label>
        {t('activities.forWhom')}
        <select value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">{t('activities.me')}</option>
          {others.length > 0 ? (
            <optgroup label={t('activities.agents')}>
              {others.map((a) => (
                <option key={a.id} value={`agent:${a.id}`}>
                  {a.name}
                </option>
              ))}
            </optgroup>
          ) : null}
          {targets && targets.groups.length > 0 ? (
            <optgroup label={t('activities.groups')}>
              {targets.groups.map((g) => (
                <option key={g.id} value={`group:${g.id}`}>
                  {g.name}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </label>
      <label>
        {t('activities.note')}
        <textarea
          value={note}
          maxLength={NOTE_MAX}
          rows={2}
          onChange={(e) => setNote(e.target.value)}
          onKeyDown={(e) => {
            // Enter plans it, as in the other quick forms; Shift+Enter is a new line.
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        />
      </label>
      <ErrorMessage error={error} fieldLabels={fieldLabels} />
      <div className="activity-form-buttons">
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? t('activities.saving') : t('activities.save')}
        </button>
        <button type="button" className="button subtle" onClick={onClose}>
          {t('activities.close')}
        </button>
      </div>
    </form>
  );
}
