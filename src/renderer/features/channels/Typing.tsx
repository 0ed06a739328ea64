import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { agentTyping } from './channelThunks.js';
import { selectTypingAt } from './typingSlice.js';

/** How long a typing notice stays on screen; the widget repeats it every few seconds while typing. */
export const TYPING_SHOWN_MS = 6000;
/** The agent's typing goes to the hub at most this often. */
export const TYPING_SEND_EVERY_MS = 3000;

/** "Customer is typing…" under the conversation, for a few seconds after each notice. */
export function CustomerTyping({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const at = useAppSelector((state) => selectTypingAt(state, threadId));
  const [shown, setShown] = useState(false);

  useEffect(() => {
    if (at === null) return;
    setShown(true);
    const timer = setTimeout(() => setShown(false), TYPING_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [at]);

  useEffect(() => setShown(false), [threadId]);

  return (
    <p className="typing-notice hint" role="status" aria-live="polite">
      {shown ? t('typing.customer') : ''}
    </p>
  );
}

/** Tells the hub the agent is typing, at most every few seconds (errors are of no interest). */
export function useAgentTyping(threadId: string, channel: string | undefined): () => void {
  const dispatch = useAppDispatch();
  const last = useRef(0);
  return () => {
    if (channel !== 'webchat') return;
    const now = Date.now();
    if (now - last.current < TYPING_SEND_EVERY_MS) return;
    last.current = now;
    void dispatch(agentTyping(threadId));
  };
}
