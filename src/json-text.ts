// Turning bytes into a JSON value, with errors that point at the offending byte: API responses
// (src/api/json-text.ts re-exports this) and the config file.

const BOM = [0xef, 0xbb, 0xbf];

/** The result of decoding response bytes as UTF-8 text. */
export interface DecodedText {
  text: string;
  /** Bytes skipped at the start (a UTF-8 byte order mark), so offsets in `text` map back to the wire. */
  skippedBytes: number;
  /** True when invalid UTF-8 was replaced with U+FFFD. */
  replacedInvalid: boolean;
}

/** Decodes bytes as UTF-8, dropping a leading byte order mark and replacing invalid sequences with U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  const skippedBytes = bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2] ? 3 : 0;
  const body = bytes.subarray(skippedBytes);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), skippedBytes, replacedInvalid: false };
  } catch {
    return { text: new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(body), skippedBytes, replacedInvalid: true };
  }
}

/** Parses JSON text; on failure returns the UTF-8 byte offset of the first error instead of a value. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; byteOffset: number } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    // JSON.parse does not always say where it failed (V8 omits the position for an unexpected
    // token), so find the place ourselves; only on the failure path.
    const index = findJsonSyntaxError(text);
    return { ok: false, byteOffset: Buffer.byteLength(text.slice(0, index), 'utf8') };
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** Returns the UTF-16 index of the first JSON syntax error in text (text.length for a premature end); -1 if the text is valid JSON. */
export function findJsonSyntaxError(text: string): number {
  // An explicit stack instead of recursion: a hostile body may nest thousands of levels deep.
  const stack: ('{' | '[')[] = [];
  let i = 0;
  const skipSpace = (): void => {
    while (i < text.length && WHITESPACE.has(text[i] as string)) i++;
  };
  const scanString = (): boolean => {
    i++; // opening quote
    while (i < text.length) {
      const ch = text.charCodeAt(i);
      if (ch === 0x22) {
        i++;
        return true;
      }
      if (ch < 0x20) return false;
      if (ch === 0x5c) {
        const next = text[i + 1];
        if (next === undefined) {
          i++;
          return false;
        }
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            while (i < text.length && /[0-9a-fA-F]/.test(text[i] as string)) i++;
            return false;
          }
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(next)) {
          i++;
          return false;
        }
        i += 2;
        continue;
      }
      i++;
    }
    return false;
  };
  const scanNumber = (): boolean => {
    NUMBER.lastIndex = i;
    const match = NUMBER.exec(text);
    if (match === null) return false;
    const end = i + match[0].length;
    // A number followed directly by more number characters is malformed (`01`, `1.`, `1e`).
    if (end < text.length && /[0-9.eE+-]/.test(text[end] as string)) {
      i = end;
      return false;
    }
    i = end;
    return true;
  };
  const scanValue = (): 'ok' | 'open' | 'error' => {
    const ch = text[i];
    if (ch === undefined) return 'error';
    if (ch === '{' || ch === '[') {
      stack.push(ch);
      i++;
      return 'open';
    }
    if (ch === '"') return scanString() ? 'ok' : 'error';
    if (ch === '-' || (ch >= '0' && ch <= '9')) return scanNumber() ? 'ok' : 'error';
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return 'ok';
      }
    }
    return 'error';
  };

  const scanKey = (): boolean => {
    if (text[i] !== '"' || !scanString()) return false;
    skipSpace();
    if (text[i] !== ':') return false;
    i++;
    return true;
  };
  const closerOf = (open: '{' | '['): string => (open === '{' ? '}' : ']');
  const at = (): number => Math.min(i, text.length);

  let expectValue = true;
  for (;;) {
    skipSpace();
    if (expectValue) {
      const result = scanValue();
      if (result === 'error') return at();
      if (result === 'open') {
        skipSpace();
        const opened = stack[stack.length - 1] as '{' | '[';
        if (text[i] === closerOf(opened)) {
          stack.pop();
          i++;
          expectValue = false;
        } else if (opened === '{' && !scanKey()) {
          return at();
        }
        continue;
      }
      expectValue = false;
      continue;
    }
    const top = stack[stack.length - 1];
    if (top === undefined) return i === text.length ? -1 : i;
    const ch = text[i];
    if (ch === ',') {
      i++;
      if (top === '{') {
        skipSpace();
        if (!scanKey()) return at();
      }
      expectValue = true;
      continue;
    }
    if (ch === closerOf(top)) {
      stack.pop();
      i++;
      continue;
    }
    return at();
  }
}
