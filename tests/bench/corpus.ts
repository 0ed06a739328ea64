/**
 * Deterministic, realistic-looking contact-center text for benchmarks: Russian and English
 * customer questions and agent answers built from a fixed vocabulary and a seeded generator.
 */
const RU = (
  'здравствуйте карта заблокирована не могу оплатить кредит платеж дата погашения перевод ' +
  'отделение часы работы пароль сбросить приложение вход ошибка счет выписка комиссия кэшбэк ' +
  'вклад процент ставка досрочно закрыть доставка заказ возврат курьер номер телефона спасибо ' +
  'помогите срочно деньги списали дважды банкомат снятие наличных лимит подтверждение смс код'
).split(' ');
const EN = (
  'hello card blocked cannot pay loan payment due date transfer branch opening hours password ' +
  'reset app login error account statement fee cashback deposit interest rate early close ' +
  'delivery order refund courier phone number thanks please help urgent money charged twice ' +
  'atm cash withdrawal limit confirmation sms code'
).split(' ');

/** mulberry32: tiny, fast, seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sentence(random: () => number): string {
  const words = random() < 0.6 ? RU : EN;
  const length = 6 + Math.floor(random() * 12);
  const out: string[] = [];
  for (let i = 0; i < length; i++) out.push(words[Math.floor(random() * words.length)]!);
  const text = out.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

/** Queries agents type: one or two words, sometimes half-typed, in both languages. */
export function searchQueries(count: number, random: () => number): string[] {
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const words = random() < 0.6 ? RU : EN;
    const pick = () => words[Math.floor(random() * words.length)]!;
    const roll = random();
    queries.push(roll < 0.5 ? pick() : roll < 0.8 ? `${pick()} ${pick()}` : pick().slice(0, 4));
  }
  return queries;
}
