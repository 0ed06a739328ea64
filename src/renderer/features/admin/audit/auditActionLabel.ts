import type { TFunction } from 'i18next';

/** Every action the hub writes to the desk audit, said in the lead's language; an unknown one as it is. */
export function auditActionLabel(action: string, t: TFunction): string {
  switch (action) {
    case 'identification.attempt':
      return t('identification.audit.action.attempt');
    case 'identification.passed':
      return t('identification.audit.action.passed');
    case 'identification.failed':
      return t('identification.audit.action.failed');
    case 'identification.locked':
      return t('identification.audit.action.locked');
    case 'identification.refused':
      return t('identification.audit.action.refused');
    case 'identification.settings_changed':
      return t('identification.audit.action.settingsChanged');
    case 'commercial.opened':
      return t('identification.audit.action.commercialOpened');
    case 'bank_adapter.changed':
      return t('identification.audit.action.bankAdapterChanged');
    case 'customers.imported':
      return t('identification.audit.action.customersImported');
    case 'customers.exported':
      return t('identification.audit.action.customersExported');
    case 'audit.exported':
      return t('identification.audit.action.auditExported');
    case 'recording.played':
      return t('identification.audit.action.recordingPlayed');
    case 'recording.downloaded':
      return t('identification.audit.action.recordingDownloaded');
    case 'recording.refused':
      return t('identification.audit.action.recordingRefused');
    case 'monitor.listen':
      return t('identification.audit.action.monitorListen');
    case 'monitor.whisper':
      return t('identification.audit.action.monitorWhisper');
    case 'monitor.barge':
      return t('identification.audit.action.monitorBarge');
    case 'monitor.refused':
      return t('identification.audit.action.monitorRefused');
    default:
      return action;
  }
}
