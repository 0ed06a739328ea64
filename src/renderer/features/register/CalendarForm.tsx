import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Calendar } from '../../../shared/register/registerSchemas.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { SavedNote } from '../admin/AdminParts.js';
import { useRegisterAction, useRegisterData } from './registerData.js';
import { addHoliday, WEEKDAYS } from './calendarModel.js';

/** Leads: the business calendar deadlines are counted in (working weekdays and holidays, in the hub's zone). */
export function CalendarForm() {
  const { t } = useTranslation();
  const calendar = useRegisterData('register.calendar', {});
  if (calendar.error && !calendar.data) return <ErrorMessage error={calendar.error} />;
  if (!calendar.data) return <p role="status">{t('admin.loading')}</p>;
  return <CalendarEditor key={calendar.data.updatedAt} calendar={calendar.data} />;
}

function CalendarEditor({ calendar }: { calendar: Calendar }) {
  const { t } = useTranslation();
  const run = useRegisterAction();
  const id = useId();
  const [workingDays, setWorkingDays] = useState<number[]>(calendar.workingDays);
  const [holidays, setHolidays] = useState<string[]>(calendar.holidays);
  const [day, setDay] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await run('register.saveCalendar', { workingDays, holidays });
    setBusy(false);
    if (!result.ok) {
      setSaved(null);
      return setError(result.error);
    }
    setError(null);
    setSaved(t('admin.saved'));
  }

  const edited = () => setSaved(null);
  return (
    <form
      className="admin-form register-calendar"
      aria-label={t('register.calendar.title')}
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h3>{t('register.calendar.title')}</h3>
      <p className="hint">{t('register.calendar.hint', { zone: calendar.timeZone })}</p>
      <fieldset className="admin-checks">
        <legend>{t('register.calendar.workingDays')}</legend>
        {WEEKDAYS.map((weekday) => (
          <label key={weekday}>
            <input
              type="checkbox"
              checked={workingDays.includes(weekday)}
              onChange={(e) => {
                edited();
                setWorkingDays(
                  e.target.checked
                    ? [...workingDays, weekday].sort((a, b) => a - b)
                    : workingDays.filter((d) => d !== weekday),
                );
              }}
            />
            {t(`register.calendar.weekday.${weekday}`)}
          </label>
        ))}
      </fieldset>
      <h4>{t('register.calendar.holidays')}</h4>
      {holidays.length === 0 ? <p className="hint">{t('register.calendar.noHolidays')}</p> : null}
      <ul className="register-holidays" aria-label={t('register.calendar.holidays')}>
        {holidays.map((holiday) => (
          <li key={holiday}>
            <time dateTime={holiday}>{holiday}</time>{' '}
            <button
              type="button"
              className="button subtle"
              aria-label={t('register.calendar.remove', { day: holiday })}
              onClick={() => {
                edited();
                setHolidays(holidays.filter((h) => h !== holiday));
              }}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="register-holiday-add">
        <div className="field">
          <label htmlFor={`${id}-day`}>{t('register.calendar.day')}</label>
          <input id={`${id}-day`} type="date" value={day} onChange={(e) => setDay(e.target.value)} />
        </div>
        <button
          type="button"
          className="button subtle"
          disabled={day === ''}
          onClick={() => {
            edited();
            setHolidays(addHoliday(holidays, day));
            setDay('');
          }}
        >
          {t('register.calendar.add')}
        </button>
      </div>
      <ErrorMessage error={error} />
      <div className="admin-actions">
        <button type="submit" className="button primary" disabled={busy} aria-busy={busy || undefined}>
          {t('register.calendar.save')}
        </button>
      </div>
      <SavedNote text={saved} />
    </form>
  );
}
