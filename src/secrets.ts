// The run's secrets in one registry: the output mask, the error printer and --debug all read it,
// so a token learnt late (from a config file, from stdin) is masked everywhere from then on.
import { createRedactor, createStreamMask, maskSecretBytes, maskSecrets, MIN_SECRET_LENGTH, secretForms, type Redactor, type StreamMask } from './redact.js';

/** The secrets a run knows, and the one redactor built from them. */
export interface SecretRegistry {
  /** Adds a secret (and its trimmed form); values shorter than 4 characters are ignored. */
  add(secret: string): void;
  /** The known secrets in every form output can give them (secretForms), longest first, so a secret that contains another is masked whole. */
  readonly all: readonly string[];
  /** For messages and debug lines: masks every known secret, Hathora org tokens and credential header values. */
  redact: Redactor;
  /** For data written out: masks the known secrets only, so ordinary output is left as it is. */
  mask(text: string): string;
  maskBytes(chunk: Uint8Array): Uint8Array;
  /** A mask for one output stream, which masks a secret split between two writes too. */
  streamMask(): StreamMask;
}

/** Creates a registry, seeded with the given secrets. */
export function createSecretRegistry(initial: readonly string[] = []): SecretRegistry {
  const known = new Set<string>();
  let sorted: readonly string[] = [];
  let redactor: Redactor = createRedactor([]);
  const registry: SecretRegistry = {
    add(secret) {
      let changed = false;
      for (const value of [secret, secret.trim()]) {
        if (value.length < MIN_SECRET_LENGTH) continue;
        for (const form of secretForms(value)) {
          if (known.has(form)) continue;
          known.add(form);
          changed = true;
        }
      }
      if (!changed) return;
      sorted = [...known].sort((a, b) => b.length - a.length);
      redactor = createRedactor(sorted);
    },
    get all() {
      return sorted;
    },
    redact: (text) => redactor(text),
    mask: (text) => (sorted.length === 0 ? text : maskSecrets(text, sorted)),
    maskBytes: (chunk) => (sorted.length === 0 ? chunk : maskSecretBytes(chunk, sorted)),
    streamMask: () => createStreamMask(() => sorted),
  };
  for (const secret of initial) registry.add(secret);
  return registry;
}

/**
 * The tokens visible before any parsing: HATHORA_TOKEN and a `--token` value in argv. They are
 * known from the first byte written, so even a usage error that echoes argv cannot print them.
 */
export function secretsInArgvAndEnv(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): string[] {
  const secrets: string[] = [];
  if (env.HATHORA_TOKEN) secrets.push(env.HATHORA_TOKEN);
  argv.forEach((arg, i) => {
    if ((arg === '--token' || arg === '-t') && argv[i + 1] !== undefined) secrets.push(argv[i + 1] as string);
    else if (arg.startsWith('--token=')) secrets.push(arg.slice('--token='.length));
  });
  return secrets;
}

/** Drops one trailing line break (`\n`, `\r\n` or `\r`) from a token read as a line from stdin. */
export function withoutLineBreak(line: string): string {
  return line.replace(/\r?\n$|\r$/, '');
}
