// The masking rules. One registry of a run's secrets (src/secrets.ts) builds its redactor here, and
// the output mask, the error printer and the debug log all use that one, so they never disagree about
// what is secret. Deliberately narrow: secrets are masked, ordinary text is left readable.

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
  return result;
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

/** Creates a redactor that masks the given secrets (those of at least 4 characters), Hathora org tokens and credential header values. */
export function createRedactor(secrets: readonly string[]): Redactor {
  // Longest first, so a secret that contains another is masked whole.
  const known = [...new Set(secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH))].sort(
    (a, b) => b.length - a.length,
  );
  return (text: string): string =>
    maskSecrets(text, known)
      .replace(ORG_TOKEN, MASK)
      .replace(HEADER_QUOTED, (_match, q: string, name: string, sep: string, quote: string) => `${q}${name}${q}${sep}${quote}${MASK}${quote}`)
      .replace(HEADER_LINE, (_match, name: string, sep: string) => `${name}${sep}${MASK}`);
}
