import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { secretsToRetype, type ChannelKindName, type ChannelView } from '../../../shared/channels/channelAdmin.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { useAppDispatch } from '../../app/hooks.js';
import type { EnResource } from '../../i18n/en.js';
import { ErrorMessage } from '../../ui/ErrorMessage.js';
import { SavedNote } from '../admin/AdminParts.js';
import { settle } from '../admin/adminThunks.js';
import {
  CHANNEL_KINDS,
  SETTING_FIELDS,
  secretNames,
  secretsFrom,
  settingsFrom,
  valuesOf,
  type FormValues,
  type SettingField,
} from './channelForm.js';
import { createChannel, disableChannel, loadChannels, updateChannel } from './channelThunks.js';
import { SignaturesSection } from './SignaturesSection.js';
import './channels.css';

const NEW = 'new';

type Labels = EnResource['channelAdmin'];
type SecretKey = keyof Labels['secret'];
type FieldKey = keyof Labels['field'];
type OptionKey = keyof Labels['option'];

/** The hub's English detail under the translated sentence: which field of which kind was refused. */
export function HubDetail({ error }: { error: ErrorInfo | null }) {
  if (!error || error.code !== 'bad_request') return null;
  return <p className="hint channel-detail">{error.message}</p>;
}

/** Channels (email, Telegram, VK, webhook): the list, one form per channel, and group signatures below. */
export function ChannelsTab() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [channels, setChannels] = useState<ChannelView[] | null>(null);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const result = await settle(dispatch(loadChannels()).unwrap());
    if (!result.ok) return setLoadError(result.error);
    setLoadError(null);
    setChannels(result.value.channels);
  }, [dispatch]);

  useEffect(() => {
    void reload();
  }, [reload]);

  if (loadError) return <ErrorMessage error={loadError} />;
  if (!channels) return <p role="status">{t('admin.loading')}</p>;
  const current = selected === NEW ? null : (channels.find((c) => c.id === selected) ?? channels[0] ?? null);

  return (
    <div className="admin-stack">
      <div className="admin-columns">
        <nav className="admin-list" aria-label={t('channelAdmin.list')}>
          <ul>
            {channels.map((channel) => (
              <li key={channel.id}>
                <button
                  type="button"
                  className="admin-list-item"
                  aria-current={channel === current && selected !== NEW ? 'true' : undefined}
                  onClick={() => setSelected(channel.id)}
                >
                  <span>{channel.name}</span>
                  <span className="hint">
                    {t(`channel.${channel.kind}`)}
                    {channel.enabled ? '' : ` · ${t('channelAdmin.off')}`}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="button" onClick={() => setSelected(NEW)}>
            {t('channelAdmin.new')}
          </button>
        </nav>
        {selected === NEW || current ? (
          <ChannelForm
            key={selected === NEW ? NEW : current?.id}
            channel={selected === NEW ? null : current}
            onSaved={async (id) => {
              await reload();
              setSelected(id);
            }}
          />
        ) : (
          <p className="placeholder">{t('channelAdmin.none')}</p>
        )}
      </div>
      <SignaturesSection />
    </div>
  );
}

function ChannelForm({ channel, onSaved }: { channel: ChannelView | null; onSaved: (id: string) => Promise<void> }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [kind, setKind] = useState<ChannelKindName>(channel?.kind ?? 'email');
  const [name, setName] = useState(channel?.name ?? '');
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const [values, setValues] = useState<FormValues>(() => valuesOf(channel?.kind ?? 'email', channel?.settings ?? {}));
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function changeKind(next: ChannelKindName) {
    setKind(next);
    setValues(valuesOf(next, {}));
    setSecrets({});
  }

  // Moving the channel (an API address, a mail host) needs the secrets sent there typed again; the hub refuses otherwise.
  const retype = channel
    ? secretsToRetype(
        kind,
        channel.settings,
        settingsFrom(kind, values, channel.settings),
        channel.secretsSet,
        Object.keys(secretsFrom(kind, secrets)),
      )
    : null;
  const retypeNote = retype && retype.secrets.length > 0 ? `${id}-retype` : undefined;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setSaved(null);
    const settings = settingsFrom(kind, values, channel?.settings ?? {});
    const typed = secretsFrom(kind, secrets);
    const result = channel
      ? await settle(
          dispatch(
            updateChannel({
              channelId: channel.id,
              name,
              settings,
              enabled,
              ...(Object.keys(typed).length > 0 ? { secrets: typed } : {}),
            }),
          ).unwrap(),
        )
      : await settle(dispatch(createChannel({ kind, name, settings, secrets: typed, enabled })).unwrap());
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setSecrets({});
    setSaved(t('admin.saved'));
    await onSaved(result.value.id);
  }

  async function disable() {
    if (!channel || !window.confirm(t('channelAdmin.confirmDisable', { name: channel.name }))) return;
    const result = await settle(dispatch(disableChannel(channel.id)).unwrap());
    if (!result.ok) return setError(result.error);
    await onSaved(channel.id);
  }

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate aria-label={t('channelAdmin.form')}>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('channelAdmin.kind')}</label>
        <select
          id={`${id}-kind`}
          value={kind}
          disabled={channel !== null}
          onChange={(e) => changeKind(e.target.value as ChannelKindName)}
        >
          {CHANNEL_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`channel.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('channelAdmin.name')}</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      {SETTING_FIELDS[kind].map((field) => (
        <SettingInput
          key={`${kind}-${field.path}`}
          id={`${id}-${field.path}`}
          field={field}
          value={values[field.path] ?? ''}
          onChange={(value) => setValues({ ...values, [field.path]: value })}
        />
      ))}
      <fieldset className="admin-checks channel-secrets">
        <legend>{t('channelAdmin.secrets')}</legend>
        <p className="hint">{t('channelAdmin.secretsHint')}</p>
        {retype && retypeNote ? (
          <p className="channel-retype" role="status" id={retypeNote}>
            {t('channelAdmin.retype', {
              fields: retype.settings.map((path) => fieldLabel(t, path)).join(', '),
              secrets: retype.secrets.map((name) => t(`channelAdmin.secret.${name as SecretKey}`)).join(', '),
            })}
          </p>
        ) : null}
        {secretNames(kind).map((secret) => {
          const isSet = channel?.secretsSet.includes(secret) ?? false;
          const needed = retype?.secrets.includes(secret) ?? false;
          return (
            <div className="field" key={`${kind}-${secret}`}>
              <label htmlFor={`${id}-secret-${secret}`}>
                {t(`channelAdmin.secret.${secret as SecretKey}`)}{' '}
                <span className="channel-secret-state">
                  {isSet ? t('channelAdmin.secretSet') : t('channelAdmin.secretNotSet')}
                </span>
              </label>
              <input
                id={`${id}-secret-${secret}`}
                type="password"
                autoComplete="off"
                value={secrets[secret] ?? ''}
                placeholder={isSet ? t('channelAdmin.secretReplace') : ''}
                required={needed || undefined}
                aria-invalid={needed || undefined}
                aria-describedby={needed ? retypeNote : undefined}
                onChange={(e) => setSecrets({ ...secrets, [secret]: e.target.value })}
              />
            </div>
          );
        })}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        {t('channelAdmin.enabled')}
      </label>
      {channel ? (
        <p className="hint">
          {t('channelAdmin.webhookPath')} <code>{channel.webhookPath}</code>
        </p>
      ) : null}
      <ErrorMessage error={error} />
      <HubDetail error={error} />
      <div className="admin-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {channel ? t('channelAdmin.save') : t('channelAdmin.create')}
        </button>
        {channel?.enabled ? (
          <button type="button" className="button" onClick={() => void disable()}>
            {t('channelAdmin.disable')}
          </button>
        ) : null}
      </div>
      <SavedNote text={saved} />
    </form>
  );
}

/** A setting's label by its dotted path; a setting the form does not show is named by its path. */
function fieldLabel(t: TFunction, path: string): string {
  const shown = Object.values(SETTING_FIELDS).some((fields) => fields.some((f) => f.path === path));
  return shown ? t(`channelAdmin.field.${path.replace('.', '_') as FieldKey}`) : path;
}

function SettingInput({
  id,
  field,
  value,
  onChange,
}: {
  id: string;
  field: SettingField;
  value: string | boolean;
  onChange: (value: string | boolean) => void;
}) {
  const { t } = useTranslation();
  const label = fieldLabel(t, field.path);
  if (field.type === 'checkbox') {
    return (
      <label className="checkbox">
        <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
        {label}
      </label>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {field.type === 'select' ? (
        <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)}>
          {field.options?.map((option) => (
            <option key={option} value={option}>
              {t(`channelAdmin.option.${option as OptionKey}`)}
            </option>
          ))}
        </select>
      ) : field.type === 'textarea' ? (
        <textarea id={id} rows={3} value={String(value)} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          id={id}
          inputMode={field.type === 'number' ? 'numeric' : undefined}
          placeholder={field.placeholder}
          value={String(value)}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </div>
  );
}
