// "Did you mean" for an unknown command word: the verbs of other CLIs (kubectl, docker, gh) map to
// hproc's, and a typo is answered by a near command, never by a destructive one unless the word is
// that command with two letters swapped: `top` must not be answered with `stop`.
import { closestName } from '../near-names.js';

/** A command as a suggestion sees it. */
export interface SuggestableCommand {
  name: string;
  /** Changes something on the server (stop): suggested only for a near-certain match. */
  destructive: boolean;
}

// Other CLIs' verbs for what an hproc command does, in the order they are offered.
const OTHER_VERBS: Readonly<Record<string, readonly string[]>> = {
  get: ['list', 'show'],
  describe: ['show', 'list'],
  inspect: ['show'],
  view: ['show'],
  info: ['show'],
  ls: ['list'],
  ps: ['list'],
  kill: ['stop'],
  delete: ['stop'],
  rm: ['stop'],
  remove: ['stop'],
  terminate: ['stop'],
  destroy: ['stop'],
  log: ['logs'],
  stats: ['metrics'],
};

function isSwap(word: string, name: string): boolean {
  if (word.length !== name.length || word === name) return false;
  const differs = [...word].flatMap((c, i) => (c === name[i] ? [] : [i]));
  const [i, j] = differs;
  return differs.length === 2 && i !== undefined && j === i + 1 && word[i] === name[j] && word[j] === name[i];
}

/** The commands to suggest for an unknown word, best first; empty when none is near enough. */
export function suggestCommands(word: string, commands: readonly SuggestableCommand[]): string[] {
  const lower = word.toLowerCase();
  const names = new Set(commands.map((c) => c.name));
  const verbs = (OTHER_VERBS[lower] ?? []).filter((name) => names.has(name));
  if (verbs.length > 0) return [...verbs];
  const swapped = commands.find((c) => c.destructive && isSwap(lower, c.name));
  if (swapped !== undefined) return [swapped.name];
  const near = closestName(lower, commands.filter((c) => !c.destructive).map((c) => c.name));
  return near === undefined ? [] : [near];
}

/** The hint line for an unknown command word: a suggestion, or where the commands are listed. */
export function unknownCommandHint(word: string, commands: readonly SuggestableCommand[], helpCommand: string): string {
  const suggested = suggestCommands(word, commands);
  if (suggested.length === 0) return `run '${helpCommand}' to see the commands`;
  return `did you mean ${suggested.join(' or ')}?`;
}
