// Every string that came from a server passes through here before it reaches a terminal
// (design §5, reliability-anchors §1). Visible escapes beat silent stripping: the reader sees that
// something odd was sent. Backslashes are left alone so that sanitising is stable on its own output.

// C0 controls, DEL, C1 controls, line/paragraph separators, lone surrogates, and the invisible
// characters: Unicode's format category (Cf: bidi controls, zero-width space, joiners, word joiner,
// BOM, soft hyphen, U+180E, the tag characters), the rest of the tag block, and the letters that
// render as nothing (combining grapheme joiner, Hangul fillers, Khmer inherent vowels). Without them
// two ids that differ look the same. Variation selectors stay: emoji need them.
const INVISIBLE = String.raw`\p{Cf}\u{e0000}-\u{e007f}\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0\u2028\u2029`;
const UNSAFE = new RegExp(String.raw`[\u0000-\u001f\u007f-\u009f${INVISIBLE}\ud800-\udfff]`, 'gu');
// The same set for JSON text, whose own escapes already cover C0 and lone surrogates.
const UNSAFE_IN_JSON = new RegExp(String.raw`[\u007f-\u009f${INVISIBLE}]`, 'gu');

const CELL_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(ch: string, keepWhitespace: boolean): string {
  if (keepWhitespace && (ch === '\n' || ch === '\t')) return ch;
  const named = CELL_ESCAPES[ch];
  if (named !== undefined) return named;
  const code = ch.codePointAt(0) ?? 0;
  // With the u flag, a surrogate matches only when it is alone (a pair is one code point).
  if (code >= 0xd800 && code <= 0xdfff) return '\ufffd';
  if (code <= 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code > 0xffff) return `\\u{${code.toString(16)}}`;
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Makes server text safe for one table cell or one line: every control character becomes a visible escape. */
export function sanitizeCell(text: string): string {
  return text.replace(UNSAFE, (ch) => escapeChar(ch, false));
}

/** Makes server text safe for a block of lines: like sanitizeCell, but newlines and tabs are kept. */
export function sanitizeBlock(text: string): string {
  return text.replace(UNSAFE, (ch) => escapeChar(ch, true));
}

/** Escapes, inside JSON text, the characters JSON.stringify leaves raw but a terminal would act on or hide. */
export function escapeJsonForTerminal(json: string): string {
  // Applied to serialised JSON: the result parses to the same value.
  return json.replace(UNSAFE_IN_JSON, (ch) => {
    let escaped = '';
    for (let i = 0; i < ch.length; i += 1) escaped += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return escaped;
  });
}
