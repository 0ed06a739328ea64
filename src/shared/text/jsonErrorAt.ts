/**
 * Where JSON text first goes wrong, as a line and a reason: JSON.parse's own message gives a
 * position only in some engines and versions, and people fixing a file need the line.
 */
export function jsonErrorAt(source: string): { line: number; reason: string } | null {
  let i = 0;
  const fail = (reason: string): never => {
    throw Object.assign(new Error(reason), { at: i });
  };
  const ws = () => {
    while (i < source.length && ' \t\r\n'.includes(source[i]!)) i++;
  };
  const literal = (word: string) => {
    if (source.startsWith(word, i)) i += word.length;
    else fail(`unexpected ${describe()}`);
  };
  const describe = () => (i >= source.length ? 'end of text' : `"${source[i]}"`);
  const string = () => {
    i++;
    while (i < source.length && source[i] !== '"') {
      if (source[i] === '\n') fail('a string is not closed on its line');
      i += source[i] === '\\' ? 2 : 1;
    }
    if (i >= source.length) fail('a string is not closed');
    i++;
  };
  const value = (): void => {
    ws();
    const ch = source[i];
    if (ch === '{') {
      i++;
      ws();
      if (source[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (source[i] !== '"') fail(`expected a property name in quotes, found ${describe()}`);
        string();
        ws();
        if (source[i] !== ':') fail(`expected ":" after a property name, found ${describe()}`);
        i++;
        value();
        ws();
        if (source[i] === ',') i++;
        else if (source[i] === '}') {
          i++;
          return;
        } else fail(`expected "," or "}", found ${describe()}`);
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (source[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (source[i] === ',') i++;
        else if (source[i] === ']') {
          i++;
          return;
        } else fail(`expected "," or "]", found ${describe()}`);
      }
    } else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else if (ch !== undefined && /[-0-9]/.test(ch)) {
      const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(source.slice(i));
      if (!match) fail(`a malformed number`);
      i += match![0].length;
    } else fail(`expected a value, found ${describe()}`);
  };
  try {
    value();
    ws();
    if (i < source.length) fail(`unexpected ${describe()} after the end`);
    return null;
  } catch (error) {
    const at = (error as { at?: number }).at ?? 0;
    return { line: source.slice(0, at).split('\n').length, reason: (error as Error).message };
  }
}
