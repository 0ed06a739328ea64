import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../../../shared/domain.js';
import { previewTemplate } from '../adminForms.js';
import { ProblemText } from '../AdminParts.js';

/** The text filled with a sample customer and thread as it is typed, or what is wrong with it and where. */
export function TemplatePreview({
  text,
  language,
  agentName,
  channel,
}: {
  text: string;
  language: 'en' | 'ru';
  agentName: string;
  channel: Channel | null;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const preview = previewTemplate(text, language, agentName, channel);
  return (
    <section className="admin-preview" aria-labelledby={titleId}>
      <h4 id={titleId}>{t('admin.preview.title')}</h4>
      {preview.ok ? (
        <p className="admin-preview-text" lang={language}>
          {preview.text}
        </p>
      ) : (
        <ul className="field-error admin-problems">
          {preview.problems.map((problem, index) => (
            <li key={index}>
              <ProblemText problem={problem} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
