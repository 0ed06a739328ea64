/** English strings of customer ratings (issue 16); ru/csat.ts is typed against it through en.ts. */
export const csatEn = {
  title: 'Customer ratings',
  event: {
    plain: 'The customer rated the conversation {{score}} of 5',
    via: 'The customer rated the conversation {{score}} of 5 ({{channel}})',
    channel: { phone: 'by phone, after the call', email: 'by email', telegram: 'in Telegram', vk: 'in VK' },
  },
  settings: {
    hint: 'Web chat always asks for a rating when a chat closes. Here: the rating after a call and the rating request on closed email, Telegram and VK conversations. Each conversation keeps one rating.',
    lines: 'Rating after a call (the caller presses 1–5 after the agent hangs up)',
    noLines: 'No lines yet: add one under Lines.',
    line: '{{number}} — {{name}}',
    channels: 'Rating request when a conversation closes',
    channel: {
      email: 'Email (a link to a rating page)',
      telegram: 'Telegram (buttons under the message)',
      vk: 'VK (buttons under the message)',
    },
    request: 'Rating request',
    validityHours: 'A request can be answered for (hours)',
    linkBase: 'Address customers reach the hub at',
    linkBaseHint: 'The email link starts with it, e.g. https://support.example.com. Needed for email ratings.',
    save: 'Save ratings settings',
    readOnly: 'Only an administrator can change these settings.',
    problems: {
      validity: 'Enter a whole number of hours from 1 to 720.',
      link: 'Enter an address starting with http:// or https://.',
      linkForEmail: 'Email ratings need the address customers reach the hub at.',
    },
  },
};
