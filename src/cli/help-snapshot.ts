// Help texts recorded at build time from the real program (scripts/gen-help.mjs writes them to
// dist/help.json), so that a help request whose output goes to a pipe or a file is answered without
// loading commander and every command's spec: most of what `hproc --help` cost to start.
import { readFileSync } from 'node:fs';
import type { OutputStream } from '../context.js';

/** What dist/help.json holds: each distinct text once, and which arguments print it. */
export interface HelpSnapshot {
  /** Everything commander wrote to stdout for a request, which exited 0 and wrote nothing to stderr. */
  texts: string[];
  /** helpKey(argv) → index into texts. */
  answers: Record<string, number>;
}

/** The arguments as one key: a NUL cannot occur inside an argument, so no two requests share one. */
export function helpKey(argv: readonly string[]): string {
  return argv.join('\0');
}

/** Whether the arguments could be a recorded help request: spares every other command the file read. */
export function mayAskForHelp(argv: readonly string[]): boolean {
  return argv[0] === 'help' || argv.includes('--help') || argv.includes('-h');
}

/**
 * The recorded text for exactly these arguments, when commander would print the same bytes: the texts
 * were recorded for a stdout that is not a terminal, which commander wraps at 80 columns. A terminal
 * gets help at its own width, so commander answers it.
 */
export function snapshotAnswer(snapshot: HelpSnapshot, argv: readonly string[], stdout: Pick<OutputStream, 'isTTY' | 'columns'>): string | undefined {
  if (stdout.isTTY || stdout.columns !== undefined) return undefined;
  const key = helpKey(argv);
  // Own keys only: `constructor` and its kind are not help requests.
  if (!Object.hasOwn(snapshot.answers, key)) return undefined;
  return snapshot.texts[snapshot.answers[key] as number];
}

/** The snapshot beside the bundle; undefined when there is none (hproc run from its sources). */
export function readHelpSnapshot(file: URL): HelpSnapshot | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as HelpSnapshot;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
