import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { knowledgePanelToggled, selectKnowledge } from './knowledgeSlice.js';

/** The id of the side panel, for the button's aria-controls. */
export const KNOWLEDGE_PANEL_ID = 'okno-knowledge-panel';
/** The top bar's button, where the focus goes back when the panel closes. */
export const KNOWLEDGE_BUTTON_ID = 'okno-knowledge-button';

/** Opens (or closes) the knowledge base beside the conversation, with its search box focused. */
export function KnowledgeButton() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { open } = useAppSelector(selectKnowledge);
  return (
    <button
      id={KNOWLEDGE_BUTTON_ID}
      type="button"
      className={open ? 'button subtle pressed' : 'button subtle'}
      aria-expanded={open}
      aria-controls={open ? KNOWLEDGE_PANEL_ID : undefined}
      title={t('knowledge.openHint')}
      onClick={() => dispatch(knowledgePanelToggled())}
    >
      {t('knowledge.open')}
    </button>
  );
}
