import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/domain.js';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { CallLinkedText } from '../softphone/CallLinkedText.js';
import { loadEmailBody, remoteImagesAllowed, selectEmailBody, selectRemoteImagesAllowed } from './emailBodySlice.js';
import { emailFrame } from './emailFrame.js';

/**
 * An inbound email as the customer wrote it (decision 0026): the sanitised HTML in a sandboxed frame
 * that can run nothing and load nothing, remote images only after "Show remote images" for this
 * message, and the text part wherever there is no HTML, it is too large, or the hub is out of reach.
 */
export function EmailBody({ message, author }: { message: Message; author: string }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const body = useAppSelector((state) => selectEmailBody(state, message.id));
  const allowed = useAppSelector((state) => selectRemoteImagesAllowed(state, message.id));

  useEffect(() => {
    void dispatch(loadEmailBody(message.id));
  }, [dispatch, message.id]);

  const html = body?.status === 'ready' ? body.html : null;
  const frame = useMemo(() => (html ? emailFrame(html, { allowRemoteImages: allowed }) : null), [html, allowed]);

  const text = body?.status === 'ready' && body.text.trim() !== '' ? body.text : message.text;
  if (!frame) {
    return (
      <>
        <p className="message-text">
          <CallLinkedText text={text} />
        </p>
        {body?.status === 'ready' && body.htmlTooLarge ? (
          <p className="hint">{t('conversation.email.tooLarge')}</p>
        ) : null}
      </>
    );
  }
  return (
    <div className="email-body">
      {frame.blockedImages > 0 ? (
        <div className="email-remote-images">
          <p className="hint">{t('conversation.email.remoteImagesBlocked', { count: frame.blockedImages })}</p>
          <button type="button" className="button subtle" onClick={() => dispatch(remoteImagesAllowed(message.id))}>
            {t('conversation.email.showRemoteImages')}
          </button>
        </div>
      ) : null}
      <iframe
        className="email-frame"
        sandbox=""
        srcDoc={frame.srcdoc}
        title={t('conversation.email.frame', { author })}
        referrerPolicy="no-referrer"
        loading="lazy"
      />
      <details className="email-text">
        <summary>{t('conversation.email.textVersion')}</summary>
        <p className="message-text">
          <CallLinkedText text={text} />
        </p>
      </details>
    </div>
  );
}
