import { useTranslation } from 'react-i18next';

export function AutoRepliesTab() {
  const { t } = useTranslation();
  return <p className="placeholder">{t('admin.comingSoon')}</p>;
}
