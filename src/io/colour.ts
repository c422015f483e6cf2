// The one colour decision (design §5). The run context makes it once per stream; nothing else
// looks at NO_COLOR, FORCE_COLOR or the terminal to choose colour.

/** 0: no colour; 1: 16 colours; 2: 256 colours; 3: truecolor. */
export type ColourLevel = 0 | 1 | 2 | 3;

/** What decides whether a stream gets colour. */
export interface ColourInputs {
  /** `--no-color` was given. */
  noColorFlag: boolean;
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
  /** The profile's `color` (auto, always, never), asked only when neither the flag nor the environment decides. */
  profile?: () => string | undefined;
}

function isOff(value: string | undefined): boolean {
  return value === '0' || value === 'false';
}

/**
 * `--no-color` or a non-empty NO_COLOR turn colour off; FORCE_COLOR (or CLICOLOR_FORCE) turns it
 * on; TERM=dumb or CLICOLOR=0 turn it off; then the profile's `color` (always, never); otherwise
 * colour follows whether the stream is a terminal.
 */
export function decideColour({ noColorFlag, env, isTTY, profile }: ColourInputs): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR ?? (env.CLICOLOR_FORCE === undefined || env.CLICOLOR_FORCE === '' ? undefined : env.CLICOLOR_FORCE);
  if (force !== undefined) return !isOff(force);
  if (env.TERM === 'dumb' || isOff(env.CLICOLOR)) return false;
  const fromProfile = profile?.();
  if (fromProfile === 'always') return true;
  if (fromProfile === 'never') return false;
  return isTTY;
}

/** The colour level of a stream: 0 when decideColour says no, else what the terminal announces it can show. */
export function colourLevel(inputs: ColourInputs): ColourLevel {
  if (!decideColour(inputs)) return 0;
  const { env } = inputs;
  if (env.FORCE_COLOR === '3' || /^(truecolor|24bit)$/i.test(env.COLORTERM ?? '')) return 3;
  if (env.FORCE_COLOR === '2' || /256/.test(env.TERM ?? '')) return 2;
  return 1;
}
