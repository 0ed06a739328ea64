import { useTranslation } from 'react-i18next';
import type { Template } from '../../../shared/templates/template.js';
import './templates.css';

/**
 * The "/" picker under the reply box: a listbox of templates matching what follows the slash.
 * The reply box keeps the focus and moves the active option (aria-activedescendant).
 */
export function TemplatePicker({
  id,
  query,
  matches,
  active,
  onPick,
}: {
  id: string;
  query: string;
  matches: readonly Template[];
  active: number;
  onPick: (template: Template) => void;
}) {
  const { t } = useTranslation();
  if (matches.length === 0) {
    return (
      <p className="template-picker-empty" role="status">
        {t('templates.noMatch', { query })}
      </p>
    );
  }
  return (
    <ul id={id} className="template-picker" role="listbox" aria-label={t('templates.picker')}>
      {matches.map((template, index) => (
        <li
          key={template.id}
          id={`${id}-${index}`}
          role="option"
          aria-selected={index === active}
          className={index === active ? 'template-option active' : 'template-option'}
          // Keep the focus in the reply box: pick on mousedown, before the blur.
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(template);
          }}
        >
          <span className="template-title">{template.title}</span>
          {template.folder ? <span className="template-folder">{template.folder}</span> : null}
          {template.hotkey ? <kbd>{template.hotkey}</kbd> : null}
        </li>
      ))}
    </ul>
  );
}

/** The top suggestions for the customer's last message, beside the reply box. */
export function TemplateSuggestions({
  suggestions,
  onPick,
}: {
  suggestions: readonly Template[];
  onPick: (template: Template) => void;
}) {
  const { t } = useTranslation();
  if (suggestions.length === 0) return null;
  return (
    <section className="template-suggestions" aria-label={t('templates.suggestions')}>
      <ul>
        {suggestions.map((template, index) => (
          <li key={template.id}>
            <button type="button" className="button" onClick={() => onPick(template)}>
              {t('templates.insert', { title: template.title })}
              {index === 0 ? <kbd aria-hidden="true">Tab</kbd> : null}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
