import { splitCallLinks } from '../../../shared/softphone/callLinks.js';

/**
 * Text with its phone numbers and sip: addresses as tel:/sip: links. Clicking one goes through
 * the softphone's document-wide link handler (asks, then dials); nothing here dials by itself.
 */
export function CallLinkedText({ text }: { text: string }) {
  const pieces = splitCallLinks(text);
  if (pieces.length === 1 && pieces[0]?.href === null) return <>{text}</>;
  return (
    <>
      {pieces.map((piece, index) =>
        piece.href === null ? (
          piece.text
        ) : (
          <a key={index} href={piece.href} className="call-link">
            {piece.text}
          </a>
        ),
      )}
    </>
  );
}
