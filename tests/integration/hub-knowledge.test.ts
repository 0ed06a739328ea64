/**
 * The knowledge base on a real hub (decision 0034): versions and conflicts, refused documents and
 * articles, the tree's moves, search by another Russian word form, suggestions for a contact and the
 * opening recorded in the contact's history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../src/server/hub.js';
import { uuidv7 } from '../../src/shared/ids.js';
import { api, login, removeTempDirs, startHub, type Loose } from './hub-harness.js';
import { addAgent, customerWrites, type TeamAgent } from './hub-routing-support.js';
import { docxBytes, PNG_1X1, pdfBytes, xlsxBytes } from '../support/knowledgeFiles.js';

let hub: Hub;
let admin: string;
let lena: TeamAgent;
let oleg: TeamAgent;
let anna: TeamAgent;

const K = '/api/v1/knowledge';

function doc(...blocks: Loose[]) {
  return { type: 'doc', content: blocks };
}
function para(text: string, marks?: Loose[]) {
  return { type: 'paragraph', content: [{ type: 'text', text, ...(marks ? { marks } : {}) }] };
}
function heading(text: string, level = 2) {
  return { type: 'heading', attrs: { level }, content: [{ type: 'text', text }] };
}
function bullets(...items: string[]) {
  return { type: 'bulletList', content: items.map((t) => ({ type: 'listItem', content: [para(t)] })) };
}

async function create(token: string, body: Loose) {
  return api(hub.url, `${K}/articles`, { token, json: { parentId: null, language: 'ru', links: [], ...body } });
}

beforeAll(async () => {
  // Four sign-ins at full password cost would take most of this file's time (test cost only).
  process.env.OKNO_TEST_FAST_PASSWORDS = '1';
  hub = await startHub({ clockMs: 0 });
  admin = await login(hub.url);
  lena = await addAgent(hub.url, admin, 'lena', 'Lena Lead', 'lead');
  oleg = await addAgent(hub.url, admin, 'oleg', 'Oleg Lead', 'lead');
  anna = await addAgent(hub.url, admin, 'anna', 'Anna Agent');
});

afterAll(async () => {
  await hub.close();
  removeTempDirs();
});

describe('knowledge base on the hub', () => {
  it('keeps every version, and a second lead saving a stale version gets 409 naming who saved first', async () => {
    const first = await create(lena.token, {
      title: 'Блокировка карты',
      doc: doc(
        heading('Что делать'),
        bullets('Проверьте личность клиента', 'Уточните причину'),
        para('Правила банка', [{ type: 'link', attrs: { href: 'https://bank.example/rules' } }]),
      ),
      links: [{ title: 'Тарифы', url: 'https://bank.example/tariffs' }],
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, updatedBy: 'Lena Lead', title: 'Блокировка карты' });
    const id = first.body.id as string;

    // An agent reads it but may not edit.
    const read = await api(hub.url, `${K}/articles/${id}`, { token: anna.token });
    expect(read.body.article.links).toEqual([{ title: 'Тарифы', url: 'https://bank.example/tariffs' }]);
    expect(read.body.article.doc.content[1].type).toBe('bulletList');
    const agentEdit = await api(hub.url, `${K}/articles/${id}`, {
      method: 'PUT',
      token: anna.token,
      json: { ...first.body, baseVersion: 1 },
    });
    expect(agentEdit.status).toBe(403);

    const lenaSaves = await api(hub.url, `${K}/articles/${id}`, {
      method: 'PUT',
      token: lena.token,
      json: {
        parentId: null,
        title: 'Блокировка карты',
        language: 'ru',
        links: [],
        doc: doc(para('Версия Лены')),
        baseVersion: 1,
      },
    });
    expect(lenaSaves.body.version).toBe(2);
    const olegSaves = await api(hub.url, `${K}/articles/${id}`, {
      method: 'PUT',
      token: oleg.token,
      json: {
        parentId: null,
        title: 'Блокировка карты',
        language: 'ru',
        links: [],
        doc: doc(para('Версия Олега')),
        baseVersion: 1,
      },
    });
    expect(olegSaves.status).toBe(409);
    expect(olegSaves.body.error.code).toBe('conflict');
    expect(olegSaves.body.error.message).toMatch(/saved by Lena Lead \(version 2\)/);
    expect(olegSaves.body.error.params).toMatchObject({ savedBy: 'Lena Lead', version: 2 });

    // Nothing saved is lost: Lena's version is current, the first is still there.
    const current = await api(hub.url, `${K}/articles/${id}`, { token: oleg.token });
    expect(current.body.article.doc.content[0].content[0].text).toBe('Версия Лены');
    const old = await api(hub.url, `${K}/articles/${id}?version=1`, { token: oleg.token });
    expect(old.body).toMatchObject({ latestVersion: 2, article: { version: 1 } });
    expect(old.body.article.doc.content[0].type).toBe('heading');
    const versions = await api(hub.url, `${K}/articles/${id}/versions`, { token: anna.token });
    expect(versions.body.versions.map((v: Loose) => [v.version, v.savedBy])).toEqual([
      [2, 'Lena Lead'],
      [1, 'Lena Lead'],
    ]);
  });

  it('refuses a script node, a javascript: link and an unknown attribute, naming each and where', async () => {
    const script = await create(lena.token, {
      title: 'Bad',
      doc: doc(para('ok'), { type: 'script', content: [{ type: 'text', text: 'alert(1)' }] }),
    });
    expect(script.status).toBe(400);
    expect(JSON.stringify(script.body.error)).toMatch(/content\[1\]: node 'script' is not allowed/);

    const jsLink = await create(lena.token, {
      title: 'Bad',
      doc: doc(para('click', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }])),
    });
    expect(jsLink.status).toBe(400);
    expect(JSON.stringify(jsLink.body.error)).toMatch(
      /content\[0\]\.content\[0\]\.marks\[0\]\.attrs\.href: href must be an http\(s\) or mailto address/,
    );

    const onclick = await create(lena.token, {
      title: 'Bad',
      doc: doc({ type: 'paragraph', attrs: { onclick: 'x()' }, content: [{ type: 'text', text: 'hi' }] }),
    });
    expect(onclick.status).toBe(400);
    expect(JSON.stringify(onclick.body.error)).toMatch(/unknown attribute 'onclick' on 'paragraph'/);

    const outsideImage = await create(lena.token, {
      title: 'Bad',
      doc: doc({ type: 'image', attrs: { src: 'https://evil.example/x.png' } }),
    });
    expect(outsideImage.status).toBe(400);
    expect(JSON.stringify(outsideImage.body.error)).toMatch(/unknown attribute 'src' on 'image'/);

    const badLink = await create(lena.token, {
      title: 'Bad',
      doc: doc(para('x')),
      links: [{ title: 'x', url: 'ftp://x' }],
    });
    expect(badLink.status).toBe(400);
    expect(JSON.stringify(badLink.body.error)).toMatch(/links\.0\.url|links\[0\]/);

    const tree = await api(hub.url, `${K}/articles`, { token: lena.token });
    expect(tree.body.articles.map((a: Loose) => a.title)).not.toContain('Bad');
  });

  it('takes PDF, DOCX, XLSX and images by their content and refuses a file that is not what its name says', async () => {
    const article = (await create(lena.token, { title: 'Тарифы', doc: doc(para('Тарифы по картам')) })).body;
    const upload = (name: string, mime: string, data: Buffer, token = lena.token) =>
      api(hub.url, `${K}/articles/${article.id}/documents`, {
        token,
        json: { name, mime, dataBase64: data.toString('base64') },
      });
    const pdf = await upload('tariffs.pdf', 'application/pdf', await pdfBytes());
    expect(pdf.status).toBe(200);
    const docx = await upload(
      'limits.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      await docxBytes(),
    );
    expect(docx.status).toBe(200);
    const xlsx = await upload(
      'fees.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      await xlsxBytes(),
    );
    expect(xlsx.status).toBe(200);
    const png = await upload('card.png', 'image/png', PNG_1X1);
    expect(png.status).toBe(200);

    const page = await upload('rules.pdf', 'application/pdf', Buffer.from('<html><script>x</script></html>'));
    expect(page.status).toBe(400);
    expect(page.body.error.message).toBe('"rules.pdf" is not a PDF document: its content is not a file of that kind');
    const sheetAsWord = await upload(
      'report.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      await xlsxBytes(),
    );
    expect(sheetAsWord.body.error.message).toBe(
      '"report.docx" is not a Word document (DOCX): its content is an Excel workbook (XLSX)',
    );
    const exe = await upload('setup.exe', 'application/pdf', Buffer.from('MZ'));
    expect(exe.body.error.message).toMatch(/"setup.exe": only PDF, DOCX, XLSX, PNG, JPG, GIF, WEBP files may be added/);
    expect((await upload('x.pdf', 'application/pdf', await pdfBytes(), anna.token)).status).toBe(403);

    // The image shows in a new version; the documents come back with the article and by id.
    const saved = await api(hub.url, `${K}/articles/${article.id}`, {
      method: 'PUT',
      token: lena.token,
      json: {
        parentId: null,
        title: 'Тарифы',
        language: 'ru',
        links: [],
        baseVersion: 1,
        doc: doc(para('Карта'), { type: 'image', attrs: { documentId: png.body.id, alt: 'карта' } }),
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.documents.map((d: Loose) => d.name)).toEqual([
      'tariffs.pdf',
      'limits.docx',
      'fees.xlsx',
      'card.png',
    ]);
    const back = await api(hub.url, `${K}/documents/${docx.body.id}`, { token: anna.token });
    expect(back.body).toMatchObject({ name: 'limits.docx' });
    expect(Buffer.from(back.body.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK');

    // A PDF is not an image; another article's picture is not this one's.
    const pdfAsImage = await api(hub.url, `${K}/articles/${article.id}`, {
      method: 'PUT',
      token: lena.token,
      json: {
        parentId: null,
        title: 'Тарифы',
        language: 'ru',
        links: [],
        baseVersion: 2,
        doc: doc({ type: 'image', attrs: { documentId: pdf.body.id } }),
      },
    });
    expect(pdfAsImage.body.error.message).toBe('an image shows "tariffs.pdf", which is not an image');
  });

  it('moves articles in the tree and refuses moving one under its own descendant, naming both', async () => {
    const cards = (await create(lena.token, { title: 'Cards', language: 'en', doc: doc(para('cards')) })).body;
    const debit = (
      await create(lena.token, { title: 'Debit cards', language: 'en', parentId: cards.id, doc: doc(para('debit')) })
    ).body;
    const limits = (
      await create(lena.token, { title: 'Limits', language: 'en', parentId: debit.id, doc: doc(para('limits')) })
    ).body;
    const loop = await api(hub.url, `${K}/articles/${cards.id}/move`, {
      token: lena.token,
      json: { parentId: limits.id, position: 0 },
    });
    expect(loop.status).toBe(400);
    expect(loop.body.error.message).toBe('"Cards" cannot be moved under "Limits": "Limits" is inside "Cards"');
    const self = await api(hub.url, `${K}/articles/${cards.id}/move`, {
      token: lena.token,
      json: { parentId: cards.id, position: 0 },
    });
    expect(self.body.error.message).toBe('"Cards" cannot be moved under itself');

    const second = (
      await create(lena.token, { title: 'Credit cards', language: 'en', parentId: cards.id, doc: doc(para('credit')) })
    ).body;
    expect(second.position).toBe(1);
    const moved = await api(hub.url, `${K}/articles/${second.id}/move`, {
      token: lena.token,
      json: { parentId: cards.id, position: 0 },
    });
    expect(moved.body).toMatchObject({ parentId: cards.id, position: 0 });
    const tree = (await api(hub.url, `${K}/articles`, { token: anna.token })).body.articles as Loose[];
    const under = tree.filter((a) => a.parentId === cards.id).sort((a, b) => a.position - b.position);
    expect(under.map((a) => a.title)).toEqual(['Credit cards', 'Debit cards']);
    const up = await api(hub.url, `${K}/articles/${limits.id}/move`, {
      token: lena.token,
      json: { parentId: null, position: 0 },
    });
    expect(up.body.parentId).toBeNull();
  });

  it('finds an article by another Russian word form, titles first, retired ones left out', async () => {
    const inTitle = (
      await create(lena.token, {
        title: 'Перевыпуск заблокированной карты',
        doc: doc(para('Клиент получает новую карту в отделении.')),
      })
    ).body;
    const inBody = (
      await create(lena.token, {
        title: 'Прочее',
        doc: doc(para('Иногда карта заблокирована по ошибке банка, тогда обращение бесплатно.')),
      })
    ).body;
    const search = async (query: string) =>
      (await api(hub.url, `${K}/search?query=${encodeURIComponent(query)}`, { token: anna.token })).body
        .results as Loose[];
    const found = await search('заблокировали карту');
    const ids = found.map((r) => r.article.id);
    expect(ids).toContain(inTitle.id);
    expect(ids).toContain(inBody.id);
    expect(ids.indexOf(inTitle.id)).toBeLessThan(ids.indexOf(inBody.id));
    expect(found.find((r) => r.article.id === inBody.id).snippet).toMatch(/заблокирована/);
    expect(await search('совсем другое')).toEqual([]);
    expect(await search('   ')).toEqual([]);

    await api(hub.url, `${K}/articles/${inBody.id}/retire`, { token: lena.token, json: { retired: true } });
    expect((await search('заблокировали')).map((r) => r.article.id)).not.toContain(inBody.id);
    const tree = (await api(hub.url, `${K}/articles`, { token: anna.token })).body.articles as Loose[];
    expect(tree.find((a) => a.id === inBody.id).retired).toBe(true);
    await api(hub.url, `${K}/articles/${inBody.id}/retire`, { token: lena.token, json: { retired: false } });
    expect((await search('заблокировали')).map((r) => r.article.id)).toContain(inBody.id);
  });

  it("suggests articles for the customer's last message and records an opening once in the contact's history", async () => {
    const article = (
      await create(lena.token, {
        title: 'Утерянная карта',
        doc: doc(para('Если клиент потерял карту, заблокируйте её.')),
      })
    ).body;
    const { thread, widget } = await customerWrites(hub.url, admin, 'Здравствуйте, я потеряла карту вчера');
    const suggested = await api(hub.url, `${K}/suggest?threadId=${thread.id}`, { token: admin });
    expect(suggested.status).toBe(200);
    expect(suggested.body.articles[0].id).toBe(article.id);

    const openId = uuidv7();
    const opened = await api(hub.url, `${K}/articles/${article.id}/opened`, {
      token: admin,
      json: { openId, threadId: thread.id, version: 1, openedAt: Date.now() - 60_000 },
    });
    expect(opened.body).toEqual({ recorded: true });
    const again = await api(hub.url, `${K}/articles/${article.id}/opened`, {
      token: admin,
      json: { openId, threadId: thread.id, version: 1, openedAt: Date.now() },
    });
    expect(again.body).toEqual({ recorded: false });
    const events = (await api(hub.url, `/api/v1/threads/${thread.id}/events`, { token: admin })).body.events as Loose[];
    const openings = events.filter((e) => e.kind === 'article_opened');
    expect(openings).toHaveLength(1);
    expect(openings[0].data).toMatchObject({ articleId: article.id, version: 1, title: 'Утерянная карта' });
    widget.socket.close();
  });

  it('pages the cache pull by change sequence', async () => {
    const all = (await api(hub.url, `${K}/articles`, { token: anna.token })).body.articles as Loose[];
    const seen = new Map<string, number>();
    let after = 0;
    for (let pages = 0; pages < 100; pages++) {
      const page = (await api(hub.url, `${K}/changes?after=${after}&limit=3`, { token: anna.token })).body;
      for (const a of page.articles as Loose[]) seen.set(a.id, a.version);
      after = page.cursor;
      if (!page.more) break;
    }
    expect(seen.size).toBe(all.length);
    for (const a of all) expect(seen.get(a.id)).toBe(a.version);
    const none = (await api(hub.url, `${K}/changes?after=${after}`, { token: anna.token })).body;
    expect(none).toMatchObject({ articles: [], more: false, cursor: after });

    // Long articles: a page stops at a few MB of text, and the rest follow on the next pages.
    const long = 'Длинная статья о картах и счетах. '.repeat(10_000);
    const big: string[] = [];
    for (let i = 0; i < 8; i++) {
      const made = await create(lena.token, { title: `Long ${i}`, doc: doc(para(long)) });
      expect(made.status).toBe(200);
      big.push(made.body.id);
    }
    const first = (await api(hub.url, `${K}/changes?after=${after}`, { token: anna.token })).body;
    expect(first.articles.length).toBeGreaterThan(0);
    expect(first.articles.length).toBeLessThan(8);
    expect(first.more).toBe(true);
    const rest = (await api(hub.url, `${K}/changes?after=${first.cursor}`, { token: anna.token })).body;
    expect([...first.articles, ...rest.articles].map((a: Loose) => a.id)).toEqual(big);
    expect(rest.more).toBe(false);
  });
});
