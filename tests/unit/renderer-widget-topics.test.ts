/** The Web chat tab's pure logic: editing the widget's start menu and the check before saving. */
import { describe, expect, it } from 'vitest';
import {
  addTopic,
  checkTopicsDraft,
  draftOf,
  editTopic,
  hubProblems,
  MAX_TOPICS,
  moveTopic,
  removeTopic,
  type TopicDraft,
} from '../../src/renderer/features/admin/webchat/widgetTopicsForm.js';

const cards = {
  id: 'cards',
  title: { en: 'My card', ru: 'Моя карта' },
  answer: { en: 'Block it in the app.', ru: 'Заблокируйте в приложении.' },
};
const other = { id: 'other', title: { en: 'Something else', ru: 'Другой вопрос' }, answer: null };

describe('widget topics form', () => {
  it('round-trips the hub topics, with no answer as two empty fields', () => {
    const draft = draftOf([cards, other]);
    expect(draft[1]).toEqual({
      id: 'other',
      titleEn: 'Something else',
      titleRu: 'Другой вопрос',
      answerEn: '',
      answerRu: '',
    });
    expect(checkTopicsDraft(draft)).toEqual({ ok: true, topics: [cards, other] });
  });

  it('adds, edits (trimmed), moves and removes topics', () => {
    let draft = addTopic(draftOf([cards]));
    draft = editTopic(draft, 1, 'id', ' fees ');
    draft = editTopic(draft, 1, 'titleEn', 'Fees');
    draft = editTopic(draft, 1, 'titleRu', 'Комиссии');
    draft = editTopic(draft, 1, 'answerEn', 'Free up to 100 000.');
    draft = editTopic(draft, 1, 'answerRu', 'Бесплатно до 100 000.');
    draft = moveTopic(draft, 1, -1);
    expect(draft.map((t) => t.id)).toEqual([' fees ', 'cards']);
    expect(moveTopic(draft, 0, -1)).toEqual(draft);
    expect(moveTopic(draft, 1, 1)).toEqual(draft);
    const checked = checkTopicsDraft(draft);
    expect(checked.ok && checked.topics[0]).toEqual({
      id: 'fees',
      title: { en: 'Fees', ru: 'Комиссии' },
      answer: { en: 'Free up to 100 000.', ru: 'Бесплатно до 100 000.' },
    });
    expect(removeTopic(draft, 0).map((t) => t.id)).toEqual(['cards']);
  });

  it('names each bad field: empty, duplicate id, answer in one language only, too long', () => {
    const draft: TopicDraft[] = [
      ...draftOf([cards]),
      { id: 'cards', titleEn: ' ', titleRu: 'Карта', answerEn: 'Only English', answerRu: '' },
      { id: 'x', titleEn: 'a'.repeat(101), titleRu: 'б', answerEn: '', answerRu: '' },
    ];
    const checked = checkTopicsDraft(draft);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.topics).toEqual({
      1: { id: { key: 'duplicate', id: 'cards' }, titleEn: { key: 'empty' }, answerRu: { key: 'answerMissing' } },
      2: { titleEn: { key: 'tooLong', max: 100 } },
    });
    expect(checked.problems.list).toBeUndefined();
  });

  it('refuses more topics than fit the menu, and accepts an empty menu', () => {
    const many = Array.from({ length: MAX_TOPICS + 1 }, (_, i) => ({ ...other, id: `t${i}` }));
    const checked = checkTopicsDraft(draftOf(many));
    expect(!checked.ok && checked.problems.list).toEqual({ key: 'tooMany', max: MAX_TOPICS });
    expect(checkTopicsDraft([])).toEqual({ ok: true, topics: [] });
  });

  it("places the hub's issues under the same fields, and the rest under the list", () => {
    const problems = hubProblems({
      code: 'bad_request',
      message: 'invalid widget topics',
      issues: [
        { path: 'topics.1.title.ru', message: 'Too small' },
        { path: 'topics.0.id', message: '"cards" is listed twice' },
        { path: 'topics', message: 'at most 12 topics fit the menu' },
      ],
    });
    expect(problems.topics).toEqual({
      1: { titleRu: { key: 'hub', message: 'Too small' } },
      0: { id: { key: 'hub', message: '"cards" is listed twice' } },
    });
    expect(problems.list).toEqual({ key: 'hub', message: 'at most 12 topics fit the menu' });
    expect(hubProblems(null)).toEqual({ topics: {} });
  });
});
