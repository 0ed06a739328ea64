/**
 * Bencode, the encoding of rtpengine's ng protocol: integers, byte strings, lists and dictionaries
 * (keys sorted). Strings decode as UTF-8 text because every ng value Okno reads is text (SDP,
 * tags, results); nothing binary travels here.
 */
export type BValue = number | string | BValue[] | { [key: string]: BValue };

export function bencode(value: BValue): Buffer {
  const parts: Buffer[] = [];
  const walk = (item: BValue): void => {
    if (typeof item === 'number') {
      if (!Number.isInteger(item)) throw new Error(`bencode: ${item} is not an integer`);
      parts.push(Buffer.from(`i${item}e`, 'latin1'));
    } else if (typeof item === 'string') {
      const bytes = Buffer.from(item, 'utf8');
      parts.push(Buffer.from(`${bytes.length}:`, 'latin1'), bytes);
    } else if (Array.isArray(item)) {
      parts.push(Buffer.from('l', 'latin1'));
      item.forEach(walk);
      parts.push(Buffer.from('e', 'latin1'));
    } else {
      parts.push(Buffer.from('d', 'latin1'));
      // keys sort as raw bytes (the spec), which for UTF-8 is code-point order
      const keys = Object.keys(item).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      for (const key of keys) {
        walk(key);
        walk(item[key] as BValue);
      }
      parts.push(Buffer.from('e', 'latin1'));
    }
  };
  walk(value);
  return Buffer.concat(parts);
}

/** Decodes one bencoded value that fills `data` exactly; throws naming the offset of what is wrong. */
export function bdecode(data: Buffer): BValue {
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`bencode: ${what} at byte ${at}`);
  };
  const digitsUntil = (stop: number): string => {
    const end = data.indexOf(stop, at);
    if (end < 0) fail('unterminated number');
    const text = data.subarray(at, end).toString('latin1');
    at = end + 1;
    return text;
  };
  const read = (depth: number): BValue => {
    if (depth > 32) fail('nesting too deep');
    const c = data[at];
    if (c === undefined) return fail('unexpected end');
    if (c === 0x69 /* i */) {
      at += 1;
      const text = digitsUntil(0x65);
      if (!/^(0|-?[1-9][0-9]*)$/.test(text)) fail(`bad integer "${text}"`);
      return Number(text);
    }
    if (c === 0x6c /* l */) {
      at += 1;
      const list: BValue[] = [];
      while (data[at] !== 0x65) list.push(read(depth + 1));
      at += 1;
      return list;
    }
    if (c === 0x64 /* d */) {
      at += 1;
      const dict: Record<string, BValue> = {};
      while (data[at] !== 0x65) {
        const key = read(depth + 1);
        if (typeof key !== 'string') fail('dictionary key is not a string');
        dict[key as string] = read(depth + 1);
      }
      at += 1;
      return dict;
    }
    if (c >= 0x30 && c <= 0x39) {
      const text = digitsUntil(0x3a);
      if (!/^(0|[1-9][0-9]*)$/.test(text)) fail(`bad string length "${text}"`);
      const end = at + Number(text);
      if (end > data.length) fail('string runs past the end');
      const out = data.subarray(at, end).toString('utf8');
      at = end;
      return out;
    }
    return fail(`unexpected "${String.fromCharCode(c)}"`);
  };
  const value = read(0);
  if (at !== data.length) fail('trailing bytes');
  return value;
}
