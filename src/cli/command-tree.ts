// The command registry as a tree of plain data, for what is generated from it: the man page, shell
// completion, and the test that keeps the README's command reference in step. No commander here.
import type { CommandSpec, OptionSpec } from './spec.js';

/** One flag, parsed from commander's flag syntax (`-s, --status <statuses>`). */
export interface FlagInfo {
  short: string | undefined;
  /** `--status`; for `--no-color`, the negated spelling as typed. */
  long: string;
  /** `<statuses>` or `[fields]`; undefined for a switch. */
  value: string | undefined;
  valueRequired: boolean;
  description: string;
  choices: readonly string[] | undefined;
  defaultValue: string | boolean | undefined;
  hidden: boolean;
}

/** One command of the tree, with its full path (`['config', 'get']`). */
export interface CommandNode {
  path: readonly string[];
  spec: CommandSpec;
  flags: readonly FlagInfo[];
  children: readonly CommandNode[];
}

/** Parses commander's flag syntax. */
export function parseFlags(option: OptionSpec): FlagInfo {
  const match = /^(?:(-[A-Za-z0-9]),\s*)?(--[A-Za-z0-9-]+)(?:\s+([<[][^>\]]+[>\]]))?$/.exec(option.flags.trim());
  if (match === null) throw new Error(`unparsable flags '${option.flags}'`);
  const value = match[3];
  return {
    short: match[1],
    long: match[2] as string,
    value,
    valueRequired: value?.startsWith('<') ?? false,
    description: option.description,
    choices: option.choices,
    defaultValue: option.defaultValue,
    hidden: option.hidden === true,
  };
}

function subcommandsOf(spec: CommandSpec): readonly CommandSpec[] {
  // Command groups (`hproc config get`) carry their subcommands; plain commands have none.
  return (spec as { subcommands?: readonly CommandSpec[] }).subcommands ?? [];
}

function nodeOf(spec: CommandSpec, parent: readonly string[]): CommandNode {
  const path = [...parent, spec.name];
  return { path, spec, flags: spec.options.map(parseFlags), children: subcommandsOf(spec).map((child) => nodeOf(child, path)) };
}

/** The registry as a tree. */
export function commandTree(specs: readonly CommandSpec[]): CommandNode[] {
  return specs.map((spec) => nodeOf(spec, []));
}

/** Every node of the tree, parents before their children. */
export function allCommands(tree: readonly CommandNode[]): CommandNode[] {
  return tree.flatMap((node) => [node, ...allCommands(node.children)]);
}

/** The usage line of a command: `hproc show [options] <processId>`. */
export function usageOf(node: CommandNode): string {
  if (node.children.length > 0) return `hproc ${node.path.join(' ')} <command>`;
  const args = node.spec.args.map((a) => {
    const name = `${a.name}${a.variadic === true ? '...' : ''}`;
    return a.required ? `<${name}>` : `[${name}]`;
  });
  return ['hproc', ...node.path, ...(node.flags.length > 0 ? ['[options]'] : []), ...args].join(' ');
}
