import { describe, expect, it } from 'vitest';
import { createTemplatesService } from '../../src/main/core/templates/templatesService.js';

const template = {
  id: '00000000-0000-7000-8000-000000000001',
  scope: 'shared',
  ownerId: null,
  updatedAt: 1,
  folder: 'Cards',
  title: 'Card blocked',
  tags: [],
  hotkey: null,
  bodies: [{ language: 'en', channel: null, text: 'Hi {customer.firstName}' }],
};

function fakeFetch(routes: Record<string, { status: number; body: unknown } | Error>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const path = new URL(url).pathname;
    const route = routes[path];
    if (!route) return new Response(JSON.stringify({ error: { message: 'no route' } }), { status: 404 });
    if (route instanceof Error) throw route;
    return new Response(JSON.stringify(route.body), { status: route.status });
  }) as unknown as typeof fetch;
  return { impl, calls };
}

const link = () => ({ hubUrl: 'http://127.0.0.1:1/', token: 'secret-token' });

describe('templates in the agent core', () => {
  it('forwards to the hub with the session token and validates the answer', async () => {
    const { impl, calls } = fakeFetch({ '/api/v1/templates': { status: 200, body: { templates: [template] } } });
    const service = createTemplatesService({ link, fetch: impl });
    expect((await service.list()).templates[0]!.title).toBe('Card blocked');
    expect(calls[0]!.url).toBe('http://127.0.0.1:1/api/v1/templates');
    expect((calls[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer secret-token');
  });

  it('keeps the last library for when the hub is away, and refuses when signed out', async () => {
    let down = false;
    const impl = (async () => {
      if (down) throw new TypeError('fetch failed');
      return new Response(JSON.stringify({ templates: [template] }), { status: 200 });
    }) as unknown as typeof fetch;
    const service = createTemplatesService({ link, fetch: impl });
    await service.list();
    down = true;
    expect((await service.list()).templates).toHaveLength(1);
    await expect(service.suggest(template.id, 3)).rejects.toMatchObject({ code: 'hub_unreachable' });
    await expect(createTemplatesService({ link: () => null, fetch: impl }).list()).rejects.toMatchObject({
      code: 'not_signed_in',
    });
  });

  it('turns the hub’s render result into text or the problems', async () => {
    const path = `/api/v1/templates/${template.id}/render`;
    // The hub's whole answer, as templatesApi's render row describes it.
    const answer = { language: 'en', channel: null, source: 's' };
    const ok = fakeFetch({ [path]: { status: 200, body: { ...answer, result: { ok: true, text: 'Hi Olga' } } } });
    expect(await createTemplatesService({ link, fetch: ok.impl }).render(template.id, template.id)).toEqual({
      text: 'Hi Olga',
      source: 's',
      problems: [],
    });
    const missing = fakeFetch({
      [path]: {
        status: 200,
        body: {
          ...answer,
          result: { ok: false, problems: [{ line: 0, column: 0, reason: 'no value for {x}' }], missing: [] },
        },
      },
    });
    expect(await createTemplatesService({ link, fetch: missing.impl }).render(template.id, template.id)).toEqual({
      text: null,
      source: 's',
      problems: ['no value for {x}'],
    });
    const bad = fakeFetch({ [path]: { status: 200, body: { nonsense: true } } });
    await expect(
      createTemplatesService({ link, fetch: bad.impl }).render(template.id, template.id),
    ).rejects.toMatchObject({
      code: 'hub_error',
    });
    const gone = fakeFetch({});
    await expect(
      createTemplatesService({ link, fetch: gone.impl }).render(template.id, template.id),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
