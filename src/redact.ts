// One redactor serves the debug log and the error printer, so the two can never disagree about
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

// Shorter values would mask ordinary words and numbers all over the output.
const MIN_SECRET_LENGTH = 4;

// Tokens that reach a run from neither argv nor the environment (a config file, stdin), keyed by
// the run's context so that in-process runs do not share them.
const remembered = new WeakMap<object, string[]>();

/** Notes a secret a run has learnt (from a config file or stdin), so the error printer masks it too. */
export function rememberSecret(run: object, secret: string): void {
  remembered.set(run, [...(remembered.get(run) ?? []), secret]);
}

/** The secrets remembered for a run. */
export function rememberedSecrets(run: object): readonly string[] {
  return remembered.get(run) ?? [];
}

/** Creates a redactor that masks the given secrets (those of at least 4 characters), Hathora org tokens and credential header values. */
export function createRedactor(secrets: readonly string[]): Redactor {
  // Longest first, so a secret that contains another is masked whole.
  const known = [...new Set(secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH))].sort(
    (a, b) => b.length - a.length,
  );
  return (text: string): string => {
    let result = text;
    for (const secret of known) {
      if (result.includes(secret)) result = result.split(secret).join(MASK);
    }
    return result
      .replace(ORG_TOKEN, MASK)
      .replace(HEADER_QUOTED, (_match, q: string, name: string, sep: string, quote: string) => `${q}${name}${q}${sep}${quote}${MASK}${quote}`)
      .replace(HEADER_LINE, (_match, name: string, sep: string) => `${name}${sep}${MASK}`);
  };
}
