// Every string that came from a server passes through here before it reaches a terminal
// (design §5, reliability-anchors §1). Visible escapes beat silent stripping: the reader sees that
// something odd was sent. Backslashes are left alone so that sanitising is stable on its own output.

// C0 controls, DEL, C1 controls, bidi controls, line/paragraph separators and lone surrogates.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const CELL_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(ch: string, keepWhitespace: boolean): string {
  if (keepWhitespace && (ch === '\n' || ch === '\t')) return ch;
  const named = CELL_ESCAPES[ch];
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdfff) return '\ufffd';
  if (code <= 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
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

/** Escapes, inside JSON text, the characters JSON.stringify leaves raw but a terminal would act on. */
export function escapeJsonForTerminal(json: string): string {
  // Applied to serialised JSON: the result parses to the same value.
  return json.replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
