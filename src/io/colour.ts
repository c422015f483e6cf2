/** What decides whether a stream gets colour. */
export interface ColourInputs {
  /** `--no-color` was given. */
  noColorFlag: boolean;
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
}

/**
 * The one colour decision (design §5): `--no-color` or a non-empty NO_COLOR turn it off, FORCE_COLOR
 * turns it on, TERM=dumb turns it off, otherwise colour follows whether the stream is a terminal.
 */
export function decideColour({ noColorFlag, env, isTTY }: ColourInputs): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force === 'false');
  if (env.TERM === 'dumb') return false;
  return isTTY;
}
