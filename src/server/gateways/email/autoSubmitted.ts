/**
 * Mail written by a robot (auto-replies, bounces, lists) is never put in the queue: answering it
 * is how two robots start a mail loop. RFC 3834 Auto-Submitted, the older Precedence and
 * X-Autoreply conventions, delivery reports and mailer daemons are recognised; so is mail that
 * claims to come from the channel's own address.
 */
export function autoSubmittedReason(
  headers: ReadonlyMap<string, unknown>,
  from: string,
  ownAddress: string,
  contentType: string,
): string | null {
  const text = (name: string) => {
    const value = headers.get(name);
    if (typeof value === 'string') return value.trim().toLowerCase();
    if (value && typeof value === 'object' && 'value' in value) return String(value.value).trim().toLowerCase();
    return '';
  };
  const autoSubmitted = text('auto-submitted');
  if (autoSubmitted !== '' && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = text('precedence');
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `Precedence: ${precedence}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponse']) {
    if (text(name) !== '') return `${name} header`;
  }
  if (contentType.toLowerCase().startsWith('multipart/report')) return 'a delivery or read report';
  if (/^(mailer-daemon|postmaster)@/i.test(from)) return `sent by ${from}`;
  if (from.toLowerCase() === ownAddress.toLowerCase()) return 'sent from this channel’s own address';
  return null;
}
