// The masking rules. One registry of a run's secrets (src/secrets.ts) builds its redactor here, and
// the output mask, the error printer and the debug log all use that one, so they never disagree about
// what is secret. Deliberately narrow: secrets are masked, ordinary text is left readable.
import { sanitizeCell } from './sanitize.js';

/** The fixed mask that replaces a secret; fixed width so the secret's length is not revealed. */
export const MASK = '••••••••';

/** A function that masks secrets in a piece of text. */
export type Redactor = (text: string) => string;

// Long-lived Hathora org tokens have a recognisable prefix; mask them even when they are not ours.
const ORG_TOKEN = /hathora_org_st_[A-Za-z0-9_-]+/g;

// Credential-bearing headers, as a header line (`authorization: Bearer x`) or as a quoted JSON or
// JS property (`"authorization": "Bearer x"`). The line form masks to the end of the line, and skips
// values the quoted form has already masked.
const HEADER_LINE = /\b(authorization|proxy-authorization|cookie|set-cookie)([ \t]*:[ \t]*)(?![ \t]|["']?••••••••)[^\r\n]*/gi;
const HEADER_QUOTED = /(["']?)\b(authorization|proxy-authorization|cookie|set-cookie)\1([ \t]*[:=][ \t]*)(["'])(?:\\.|(?!\4)[^\\\r\n])*\4/gi;

/** Shorter values would mask ordinary words and numbers all over the output. */
export const MIN_SECRET_LENGTH = 4;

/**
 * Replaces every occurrence of the given secrets (longest first) with the mask. The output mask of
 * every byte written and the redactor share it, so a token is masked the same way everywhere.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join(MASK);
  return result.includes('…') || result.includes('...') ? maskCutSecrets(result, secrets) : result;
}

// Text cut to fit (a table cell to the terminal's width, an id echoed in an error) ends or starts
// with an ellipsis, and what it keeps of a secret is no longer the whole secret.
const ELLIPSIS = /…|\.\.\./g;

/**
 * Masks what is left of a secret beside an ellipsis: its beginning before one (`tok-abcdef…`) or its
 * end after one (`…abcdef`), at least MIN_SECRET_LENGTH characters of it. A cell cut before the mask
 * saw it whole must not show 16 of a token's 17 characters.
 */
export function maskCutSecrets(text: string, secrets: readonly string[]): string {
  const cuts: { from: number; to: number }[] = [];
  for (const match of text.matchAll(ELLIPSIS)) {
    const at = match.index;
    const after = at + match[0].length;
    let before = 0;
    let behind = 0;
    for (const secret of secrets) {
      for (let k = Math.min(secret.length - 1, at); k >= MIN_SECRET_LENGTH && k > before; k -= 1) {
        if (text.startsWith(secret.slice(0, k), at - k)) {
          before = k;
          break;
        }
      }
      for (let k = Math.min(secret.length - 1, text.length - after); k >= MIN_SECRET_LENGTH && k > behind; k -= 1) {
        if (text.startsWith(secret.slice(secret.length - k), after)) {
          behind = k;
          break;
        }
      }
    }
    if (before > 0) cuts.push({ from: at - before, to: at });
    if (behind > 0) cuts.push({ from: after, to: after + behind });
  }
  if (cuts.length === 0) return text;
  let out = '';
  let from = 0;
  for (const cut of cuts.sort((a, b) => a.from - b.from)) {
    if (cut.from < from) continue;
    out += text.slice(from, cut.from) + MASK;
    from = cut.to;
  }
  return out + text.slice(from);
}

/** maskSecrets for bytes written unchanged (`logs --raw`): the same secrets, matched as UTF-8. */
export function maskSecretBytes(chunk: Uint8Array, secrets: readonly string[]): Uint8Array {
  let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  for (const secret of secrets) {
    const needle = Buffer.from(secret);
    let at = bytes.indexOf(needle);
    if (at < 0) continue;
    const parts: Buffer[] = [];
    let from = 0;
    for (; at >= 0; at = bytes.indexOf(needle, from)) {
      parts.push(bytes.subarray(from, at), MASK_BYTES);
      from = at + needle.length;
    }
    parts.push(bytes.subarray(from));
    bytes = Buffer.concat(parts);
  }
  return bytes;
}

const MASK_BYTES = Buffer.from(MASK);

/**
 * The forms a secret can take on its way to output: as given, lower- and upper-cased (a URL's host
 * is lower-cased), URL-encoded, JSON-escaped and sanitised. Masking each form means no output path
 * that transforms text can carry the secret past the mask.
 */
export function secretForms(secret: string): string[] {
  const forms = new Set<string>();
  for (const base of [secret, secret.toLowerCase(), secret.toUpperCase()]) {
    forms.add(base);
    forms.add(JSON.stringify(base).slice(1, -1));
    forms.add(sanitizeCell(base));
    try {
      const encoded = encodeURIComponent(base);
      forms.add(encoded).add(encoded.toLowerCase()).add(encodeURI(base));
    } catch {
      // A lone surrogate has no URL-encoded form, so no URL can carry it either.
    }
  }
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/** Masks a stream written in pieces: a secret split between two pieces is masked all the same. */
export interface StreamMask {
  /** Masks a piece of text; the end of it that may begin a secret is held back until the next piece. */
  text(chunk: string): string;
  /** Like text, for bytes written unchanged (`logs --raw`). */
  bytes(chunk: Uint8Array): Uint8Array;
  /** What is held back, at the end of output: it is no whole secret, so it goes out as it is. */
  flush(): { text: string; bytes: Uint8Array };
}

// The length of the longest end of `text` that is the beginning (not the whole) of some secret.
function heldLength(length: number, at: (i: number) => number, secrets: readonly { length: number; at: (i: number) => number }[]): number {
  let held = 0;
  for (const secret of secrets) {
    for (let k = Math.min(secret.length - 1, length); k > held; k -= 1) {
      let i = 0;
      while (i < k && at(length - k + i) === secret.at(i)) i += 1;
      if (i === k) {
        held = k;
        break;
      }
    }
  }
  return held;
}

const NO_BYTES = new Uint8Array(0);

/**
 * Creates the mask of one output stream, reading the secrets (longest first, every form) as each
 * piece is written, so a secret learnt late is masked from then on. Only an end that could begin a
 * secret is held back, so ordinary output (a prompt, a spinner) goes out at once.
 */
export function createStreamMask(secrets: () => readonly string[]): StreamMask {
  let carryText = '';
  let carryBytes: Buffer = Buffer.alloc(0);
  let secretBytes: { key: readonly string[]; buffers: Buffer[] } | undefined;
  const buffersOf = (list: readonly string[]): Buffer[] => {
    if (secretBytes?.key !== list) secretBytes = { key: list, buffers: list.map((secret) => Buffer.from(secret)) };
    return secretBytes.buffers;
  };
  const takeBytes = (): Buffer => {
    const held = carryBytes;
    carryBytes = Buffer.alloc(0);
    return held;
  };
  const takeText = (): string => {
    const held = carryText;
    carryText = '';
    return held;
  };
  return {
    text(chunk) {
      const list = secrets();
      // A switch between text and bytes ends what the other held: no secret spans the two.
      const before = carryBytes.length > 0 ? takeBytes().toString('utf8') : '';
      if (list.length === 0) return before + takeText() + chunk;
      const masked = maskSecrets(takeText() + chunk, list);
      const held = heldLength(masked.length, (i) => masked.charCodeAt(i), list.map((secret) => ({ length: secret.length, at: (i: number) => secret.charCodeAt(i) })));
      carryText = masked.slice(masked.length - held);
      return before + masked.slice(0, masked.length - held);
    },
    bytes(chunk) {
      const list = secrets();
      const before = carryText.length > 0 ? Buffer.from(takeText()) : undefined;
      const piece = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      // Most pieces follow one that held nothing back: no copy then.
      const joined = before === undefined && carryBytes.length === 0 ? piece : Buffer.concat([...(before === undefined ? [] : [before]), takeBytes(), piece]);
      if (list.length === 0) return joined;
      const result = maskSecretBytes(joined, list);
      const masked = Buffer.isBuffer(result) ? result : Buffer.from(result.buffer, result.byteOffset, result.byteLength);
      const needles = buffersOf(list);
      const held = heldLength(masked.length, (i) => masked[i] as number, needles.map((needle) => ({ length: needle.length, at: (i: number) => needle[i] as number })));
      carryBytes = Buffer.from(masked.subarray(masked.length - held));
      return masked.subarray(0, masked.length - held);
    },
    flush() {
      return { text: takeText(), bytes: carryBytes.length > 0 ? takeBytes() : NO_BYTES };
    },
  };
}

/** Creates a redactor that masks the given secrets (those of at least 4 characters), Hathora org tokens and credential header values. */
export function createRedactor(secrets: readonly string[]): Redactor {
  // Longest first, so a secret that contains another is masked whole.
  const known = [...new Set(secrets.flatMap(secretForms))].sort(
    (a, b) => b.length - a.length,
  );
  return (text: string): string =>
    maskSecrets(text, known)
      .replace(ORG_TOKEN, MASK)
      .replace(HEADER_QUOTED, (_match, q: string, name: string, sep: string, quote: string) => `${q}${name}${q}${sep}${quote}${MASK}${quote}`)
      .replace(HEADER_LINE, (_match, name: string, sep: string) => `${name}${sep}${MASK}`);
}
