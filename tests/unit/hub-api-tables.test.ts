/**
 * The core↔hub HTTP API is one set of tables (src/shared/hubApi/*Api.ts): the hub builds each JSON
 * route from its row with endpointRoute, and the core calls the same row with callEndpoint. This
 * keeps the shape from drifting back: every route the hub registers by hand (app.get, scope.post,
 * app.route…) must be on the short list below, with the reason it is not a row; the core names no
 * path of its own (no "/api/v1" in src/main); and the tables themselves stay consistent (paths
 * under /api/v1, no two rows for one method and path, each `:name` of a path in the row's params).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Endpoint } from '../../src/shared/hubApi/endpoint.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The hub's hand-written routes, by file: "<method> <first argument>" (for `.route({…})`, its
 * `url`). Anything else registered by hand fails this test: make it a row instead.
 */
const HAND_WRITTEN: Record<string, Record<string, string>> = {
  'src/server/http/endpointRoute.ts': { 'route row.path': 'the builder of every row' },
  'src/server/http/routes/agentsRoute.ts': {
    'route row.path': "accountRoute: the accountsApi rows, with the session, the caller's address and account refusals",
    'post AGENTS_PATH':
      'adding an agent: 201 and the account refusals (429/503 with Retry-After) of withAccountRefusals',
  },
  'src/server/http/routes/loginRoute.ts': {
    'post SYNC_API.login': 'sign-in: no session yet; account refusals with their own status and Retry-After',
  },
  'src/server/http/routes/syncRoutes.ts': {
    'get SYNC_API.pull': 'the sync protocol (src/shared/sync.ts), filtered per viewer',
    'get SYNC_API.threadMessages': 'the sync protocol: messages a cache let go of',
    'post SYNC_API.push': 'the sync protocol (src/shared/sync.ts), filtered per viewer',
  },
  'src/server/http/routes/liveRoute.ts': { 'route SYNC_API.live': 'a WebSocket' },
  'src/server/http/routes/statsRoutes.ts': {
    'get STATS_PATHS.exportCsv': 'a CSV file',
    'get STATS_PATHS.exportXlsx': 'an XLSX file',
    'route STATS_PATHS.live': 'a WebSocket',
  },
  'src/server/http/routes/templateRoutes.ts': {
    'get TEMPLATE_EXPORT_PATH': 'the library as a file: JSON, or CSV text',
  },
  'src/server/http/routes/channelRoutes.ts': { 'get CHANNEL_PATHS.attachment': "an attachment's bytes" },
  'src/server/http/routes/uploadRoute.ts': { 'post CHANNEL_PATHS.uploads': "a file's raw bytes in" },
  'src/server/http/routes/channelHookRoutes.ts': {
    'post `${CHANNEL_HOOK_PREFIX}/:id`': "platforms' webhooks: no session, each platform's own answer",
  },
  'src/server/http/routes/healthRoutes.ts': {
    "get '/healthz'": 'the load balancer, no session',
    "get '/readyz'": 'the load balancer, no session, 503 when not ready',
  },
  'src/server/http/routes/widgetRoutes.ts': {
    "get '/widget.js'": "the customers' widget script",
    "get '/widget/demo'": 'a page',
    'route WIDGET_SOCKET_PATH': "the customers' WebSocket",
  },
  'src/server/http/routes/widgetUploadRoute.ts': {
    'options WIDGET_UPLOAD_PATH': "CORS for the customers' upload",
    'post WIDGET_UPLOAD_PATH': "a customer's file, raw bytes in",
  },
  'src/server/csat/ratingPage.ts': {
    "get '/rate/:token'": "the customer's rating page (HTML)",
    "post '/rate/:token'": "the customer's rating form",
  },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(rel);
    return entry.name.endsWith('.ts') ? [rel] : [];
  });
}

/** Block comments and whole-line comments go, so a route named in prose is not counted. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** "<method> <first argument>" of every route registered by hand in `text`. */
function handWritten(text: string): string[] {
  // Whatever holds a Fastify instance: the usual names, parameters typed FastifyInstance, plugin scopes.
  const receivers = new Set(['app', 'scope', 'server', 'instance', 'fastify']);
  for (const m of text.matchAll(/(\w+)\s*:\s*FastifyInstance\b/g)) receivers.add(m[1]!);
  for (const m of text.matchAll(/\.register\(\s*async\s*\(\s*(\w+)/g)) receivers.add(m[1]!);
  const found: string[] = [];
  const call = /\b(\w+)\s*\.\s*(get|post|put|patch|delete|head|options|all|route)\s*(?:<[^()]*?>)?\s*\(/g;
  for (const m of text.matchAll(call)) {
    if (!receivers.has(m[1]!)) continue;
    const rest = text.slice(m.index + m[0].length);
    const target =
      m[2] === 'route'
        ? /url:\s*([^,\n}]+)/.exec(rest.slice(0, 400))?.[1]
        : /^\s*(`[^`]*`|'[^']*'|"[^"]*"|[\w.]+)/.exec(rest)?.[1];
    found.push(`${m[2]} ${(target ?? '?').trim()}`);
  }
  return found;
}

type AnyEndpoint = Endpoint<z.ZodType, z.ZodType, z.ZodType>;

async function tables(): Promise<{ table: string; name: string; row: AnyEndpoint }[]> {
  const dir = 'src/shared/hubApi';
  const rows: { table: string; name: string; row: AnyEndpoint }[] = [];
  for (const file of readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('Api.ts'))) {
    const module = (await import(path.join(ROOT, dir, file))) as Record<string, unknown>;
    const table = file.replace(/\.ts$/, '');
    const rowsOf = module[table] as Record<string, AnyEndpoint> | undefined;
    expect(rowsOf, `${file} exports its table as ${table}`).toBeTypeOf('object');
    for (const [name, row] of Object.entries(rowsOf!)) rows.push({ table, name, row });
  }
  return rows;
}

describe('the core↔hub API tables', () => {
  it('the hub registers by hand only the routes on the short list, each for a reason', () => {
    const seen: Record<string, string[]> = {};
    for (const file of sourceFiles('src/server')) {
      const found = handWritten(code(readFileSync(path.join(ROOT, file), 'utf8')));
      if (found.length > 0) seen[file] = found.sort();
    }
    const allowed = Object.fromEntries(
      Object.entries(HAND_WRITTEN).map(([file, routes]) => [file, Object.keys(routes).sort()]),
    );
    // A route not on the list: build it from a row with endpointRoute. One on the list but gone: take it off.
    expect(seen).toEqual(allowed);
  });

  it('the core writes no hub path of its own: it calls rows (and the shared path constants)', () => {
    const writing = sourceFiles('src/main').filter((file) =>
      readFileSync(path.join(ROOT, file), 'utf8').includes('/api/v1'),
    );
    expect(writing).toEqual([]);
  });

  it('finds the routes it looks for (the scan itself works)', () => {
    expect(handWritten("app.get('/api/v1/x', h); scope.post<{ Body: X }>(PATHS.y, h); store.get(KEY);")).toEqual([
      "get '/api/v1/x'",
      'post PATHS.y',
    ]);
    expect(
      handWritten('function f(hub: FastifyInstance) { hub.route({ method: "GET", url: LIVE, handler }) }'),
    ).toEqual(['route LIVE']);
    expect(handWritten("void app.register(async (child) => { child.put('/z', h) })")).toEqual(["put '/z'"]);
  });

  it('every row is under /api/v1, one row per method and path, with its path params in params', async () => {
    const rows = await tables();
    expect(rows.length).toBeGreaterThan(100);
    const byRoute = new Map<string, string>();
    for (const { table, name, row } of rows) {
      const where = `${table}.${name}`;
      expect(row.path, where).toMatch(/^\/api\/v1\//);
      const key = `${row.method} ${row.path}`;
      expect(byRoute.get(key), `${where} and ${byRoute.get(key)} are both ${key}`).toBeUndefined();
      byRoute.set(key, where);
      const names = [...row.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
      expect(row.params, `${where} params`).toBeInstanceOf(z.ZodObject);
      expect(Object.keys((row.params as z.ZodObject).shape).sort(), `${where} params`).toEqual(names.sort());
      if (row.status === 204) expect(row.output.safeParse(undefined).success, `${where}: 204 has no body`).toBe(true);
    }
  });
});
