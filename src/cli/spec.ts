import type { RunContext } from '../run-context.js';

/** One option of a command, as data (the cli layer turns it into a commander option). */
export interface OptionSpec {
  /** Commander flag syntax, e.g. `-a, --app <appId>` or `--json`. */
  flags: string;
  description: string;
  defaultValue?: string | boolean;
  choices?: readonly string[];
  /** Hidden from help (kept for compatibility with other CLIs' spellings). */
  hidden?: boolean;
  /** A comma-separated list: repeating the flag adds to it (`--status a --status b` is `--status a,b`). */
  list?: boolean;
  /**
   * For a flag with an optional value (`--json [fields]`): what its value looks like. A following
   * word that does not match is the command's argument instead (`show --json <processId>`).
   */
  valuePattern?: RegExp;
}

/** One positional argument. */
export interface ArgumentSpec {
  name: string;
  description: string;
  required: boolean;
  /** Takes one or more values (`show <processId...>`); only the last argument may. */
  variadic?: boolean;
}

/** An example shown in `--help`, pasteable as is. */
export interface ExampleSpec {
  command: string;
  description: string;
}

/** What commander parsed, before a command validates it: read only by toOptions, never kept in options. */
export interface ParsedInput {
  args: readonly string[];
  opts: Readonly<Record<string, unknown>>;
}

/** A command: declarative metadata, flag validation, and the work itself. */
export interface CommandSpec<Options = unknown> {
  name: string;
  summary: string;
  description?: string;
  args: readonly ArgumentSpec[];
  options: readonly OptionSpec[];
  examples: readonly ExampleSpec[];
  /** Validates flags into a typed options object; throws UsageError (or AuthError) before any request. */
  toOptions(input: ParsedInput, ctx: RunContext): Options;
  /** Fetches, renders and writes; throws on failure and never prints errors itself. */
  run(options: Options, ctx: RunContext): Promise<void>;
  /** Changes something on the server (stop): never offered as "did you mean" for a mere typo. */
  destructive?: boolean;
  /** A command group (`hproc config get`): its subcommands; the group itself has no arguments, options or work. */
  subcommands?: readonly CommandSpec[];
}

/** Defines a group of subcommands, such as `hproc config` with get, set, list. */
export function defineCommandGroup(group: { name: string; summary: string; description?: string; examples: readonly ExampleSpec[]; subcommands: readonly CommandSpec[] }): CommandSpec<unknown> {
  return {
    ...group,
    args: [],
    options: [],
    // Never called: commander runs a subcommand, or prints the group's help when none is given.
    toOptions: () => undefined,
    run: () => Promise.resolve(),
  };
}

/** Erases a spec's options type so specs of different commands fit one registry. */
export function defineCommand<Options>(spec: CommandSpec<Options>): CommandSpec<unknown> {
  return spec as unknown as CommandSpec<unknown>;
}
