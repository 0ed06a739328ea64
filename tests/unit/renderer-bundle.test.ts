/**
 * Issue 18: the renderer's first bundle holds what the first screen needs; the spreadsheet writer
 * (exceljs) and the charts (chart.js) are chunks of their own, fetched when used. Reads the build
 * that scripts/test.sh makes just before vitest: index.html, the scripts it loads and everything
 * they import statically — never the chunks behind import().
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = join(import.meta.dirname, '../../dist/renderer');
const INDEX = join(DIST, 'index.html');

/** A string each library's own code carries through minification. */
const LIBRARIES = [
  { name: 'exceljs', marker: 'xl/workbook.xml' },
  { name: 'chart.js', marker: 'Failed to create chart' },
] as const;

/** The scripts index.html loads, then what they import statically, to the end. */
function firstLoad(): Set<string> {
  const html = readFileSync(INDEX, 'utf8');
  const queue = [
    ...html.matchAll(/<script[^>]*\bsrc="\.\/([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*\brel="modulepreload"[^>]*\bhref="\.\/([^"]+\.js)"/g),
  ].map((m) => m[1] ?? '');
  const seen = new Set<string>();
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(DIST, file), 'utf8');
    const folder = file.slice(0, file.lastIndexOf('/') + 1);
    // `import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"`; `import("./x.js")` is on demand.
    for (const m of code.matchAll(/\b(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)) queue.push(folder + (m[1] ?? ''));
  }
  return seen;
}

// Without a build (vitest run on its own, before `npm run build`) there is nothing to read.
describe.skipIf(!existsSync(INDEX))('the renderer first bundle (dist/renderer)', () => {
  const built = existsSync(INDEX) ? statSync(INDEX).mtime.toISOString() : '';
  const hint = `dist/renderer built ${built}; rebuild with npm run build if the sources changed since`;

  it('loads at first an entry script, and neither the spreadsheet writer nor the charts', () => {
    const first = firstLoad();
    expect(first.size, hint).toBeGreaterThan(0);
    for (const file of first) {
      const code = readFileSync(join(DIST, file), 'utf8');
      for (const library of LIBRARIES) {
        expect(code.includes(library.marker), `${library.name} is in ${file}, loaded at start (${hint})`).toBe(false);
      }
    }
  });

  it('still ships each library, in a chunk loaded on demand', () => {
    const first = firstLoad();
    const onDemand = readdirSync(join(DIST, 'assets'))
      .filter((name) => name.endsWith('.js') && !first.has(`assets/${name}`))
      .map((name) => readFileSync(join(DIST, 'assets', name), 'utf8'));
    for (const library of LIBRARIES) {
      // Its marker gone too means the library changed its text: pick a new marker above.
      expect(
        onDemand.some((code) => code.includes(library.marker)),
        `${library.name} in an on-demand chunk (${hint})`,
      ).toBe(true);
    }
  });
});
