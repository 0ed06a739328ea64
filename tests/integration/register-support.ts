/**
 * Reading back what the register makes, with no PDF library: the PDF's streams inflated, its one
 * font's ToUnicode map read and the text operators' glyph codes turned back into characters.
 */
import { inflateSync } from 'node:zlib';

function streamsOf(pdf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const start = pdf.indexOf('stream', at, 'latin1');
    if (start < 0) break;
    let body = start + 'stream'.length;
    if (pdf[body] === 0x0d) body++;
    if (pdf[body] === 0x0a) body++;
    const end = pdf.indexOf('endstream', body, 'latin1');
    if (end < 0) break;
    const raw = pdf.subarray(body, end);
    try {
      out.push(inflateSync(raw));
    } catch {
      out.push(raw);
    }
    at = end + 'endstream'.length;
  }
  return out;
}

function hexToText(hex: string): string {
  let text = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) text += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return text;
}

/** The text of a PDF written with one embedded font (as the register's letters are). */
export function pdfText(pdf: Buffer): string {
  const streams = streamsOf(pdf).map((s) => s.toString('latin1'));
  const map = new Map<number, string>();
  for (const s of streams) {
    for (const block of s.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const line of block[1]!.split('\n')) {
        const ranged = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[(.*)\]/.exec(line);
        if (ranged) {
          const lo = parseInt(ranged[1]!, 16);
          [...ranged[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].forEach((m, i) => map.set(lo + i, hexToText(m[1]!)));
          continue;
        }
        const start = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/.exec(line);
        if (start) {
          const lo = parseInt(start[1]!, 16);
          const hi = parseInt(start[2]!, 16);
          const first = parseInt(start[3]!, 16);
          for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(first + c - lo));
        }
      }
    }
    for (const block of s.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
        map.set(parseInt(m[1]!, 16), hexToText(m[2]!));
      }
    }
  }
  let text = '';
  for (const s of streams) {
    if (!/\bBT\b/.test(s)) continue;
    for (const op of s.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]!) : [op[2]!];
      for (const hex of hexes) {
        for (let i = 0; i + 4 <= hex.length; i += 4) text += map.get(parseInt(hex.slice(i, i + 4), 16)) ?? '?';
      }
      text += '\n';
    }
  }
  return text;
}
