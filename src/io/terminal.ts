// What a terminal run may do beyond writing text; decided once per run by the run context.

/**
 * Whether a spinner may be shown: both stdout and stderr are terminals (a spinner between piped
 * output and a pager, or beside JSON for a script, only gets in the way) and the terminal is not dumb.
 */
export function progressWanted(io: { stdout: { isTTY: boolean }; stderr: { isTTY: boolean } }, env: Readonly<Record<string, string | undefined>>): boolean {
  return io.stdout.isTTY && io.stderr.isTTY && env.TERM !== 'dumb' && env.CI === undefined;
}
