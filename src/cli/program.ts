import { Command, CommanderError, Option } from 'commander';
import type { Ctx } from '../context.js';
import { UsageError } from '../errors.js';
import { VERSION } from '../version.js';
import { addHelpCommand } from './help-command.js';
import type { CommandSpec } from './spec.js';
import { unknownCommandHint, type SuggestableCommand } from './command-suggestions.js';

/** What parsing decided when no command ran to completion: help or version was printed. */
export interface ProgramOutcome {
  exitCode: number;
}

function examplesText(spec: CommandSpec): string {
  if (spec.examples.length === 0) return '';
  const lines = spec.examples.flatMap((e) => [`  # ${e.description}`, `  $ ${e.command}`]);
  return `\nExamples:\n${lines.join('\n')}\n`;
}

/** Joins a repeated list flag's values, which commander otherwise replaces with the last one. */
function listParser(defaultValue: unknown): (value: string, previous: unknown) => string {
  return (value, previous) => (typeof previous === 'string' && previous !== defaultValue ? `${previous},${value}` : value);
}

function argumentSyntax(arg: CommandSpec['args'][number]): string {
  const name = `${arg.name}${arg.variadic === true ? '...' : ''}`;
  return arg.required ? `<${name}>` : `[${name}]`;
}

// The words a user typed, in order: commander keeps them on the program it parsed with.
function typedWords(command: Command): readonly string[] {
  let root = command;
  while (root.parent !== null) root = root.parent;
  return (root as unknown as { rawArgs?: string[] }).rawArgs ?? [];
}

/**
 * Gives the command back the arguments an optional-value flag took (`show --json <id>` reads the
 * id as --json's value): a value that does not look like the flag's is an argument, in the order
 * typed. Then checks the arguments as commander would have.
 */
function reclaimArguments(spec: CommandSpec, loose: readonly (readonly [key: string, pattern: RegExp])[], opts: Record<string, unknown>, args: string[], words: readonly string[]): string[] {
  const reclaimed = [...args];
  for (const [key, pattern] of loose) {
    const value = opts[key];
    if (typeof value === 'string' && !pattern.test(value)) {
      opts[key] = true;
      reclaimed.push(value);
    }
  }
  const at = (word: string): number => words.indexOf(word);
  if (reclaimed.length > args.length) reclaimed.sort((a, b) => at(a) - at(b));
  const missing = spec.args.slice(reclaimed.length).find((arg) => arg.required);
  if (missing !== undefined) throw new UsageError(`missing required argument '${missing.name}'`);
  const variadic = spec.args.some((arg) => arg.variadic === true);
  if (!variadic && reclaimed.length > spec.args.length) {
    throw new UsageError(`too many arguments for '${spec.name}'. Expected ${spec.args.length} argument${spec.args.length === 1 ? '' : 's'} but got ${reclaimed.length}.`);
  }
  return reclaimed;
}

function addCommand(program: Command, spec: CommandSpec, ctx: Ctx): void {
  const command = program.command(spec.name).summary(spec.summary).description(spec.description ?? spec.summary);
  if (spec.subcommands !== undefined) {
    command.addHelpText('after', examplesText(spec));
    for (const sub of spec.subcommands) addCommand(command, sub, ctx);
    // Alone, a group prints its help and succeeds (as gh does); with a word it does not know, that
    // word is an unknown command of the group, with a suggestion.
    const commands = suggestable(spec.subcommands);
    command
      .argument('[command]')
      .usage('[options] [command]')
      .action((word: string | undefined) => {
        if (word === undefined) {
          command.outputHelp();
          return;
        }
        throw new UsageError(`unknown command '${word}'`, { hint: unknownCommandHint(word, commands, `hproc ${pathOf(command)} --help`) });
      });
    return;
  }
  const loose: (readonly [key: string, pattern: RegExp])[] = [];
  for (const optionSpec of spec.options) {
    const option = new Option(optionSpec.flags, optionSpec.description);
    // The description form keeps help's `(default: 100)` unquoted; commander quotes a string value.
    if (optionSpec.defaultValue !== undefined) option.default(optionSpec.defaultValue, String(optionSpec.defaultValue));
    if (optionSpec.choices !== undefined) option.choices(optionSpec.choices);
    if (optionSpec.list === true) option.argParser(listParser(optionSpec.defaultValue));
    if (optionSpec.valuePattern !== undefined) loose.push([option.attributeName(), optionSpec.valuePattern]);
    if (optionSpec.hidden === true) option.hideHelp();
    command.addOption(option);
  }
  for (const arg of spec.args) {
    // With a flag that may take an argument as its value, the arguments are checked after it is given back.
    command.argument(loose.length > 0 ? `[${arg.name}${arg.variadic === true ? '...' : ''}]` : argumentSyntax(arg), arg.description);
  }
  if (loose.length > 0) command.usage(['[options]', ...spec.args.map(argumentSyntax)].join(' '));
  command.addHelpText('after', examplesText(spec));
  command.action(async (...received: unknown[]) => {
    // Commander passes the declared arguments, then the options object, then the command.
    const self = received[received.length - 1] as Command;
    let args = received.slice(0, spec.args.length).flatMap((a) => (Array.isArray(a) ? a.filter((v): v is string => typeof v === 'string') : typeof a === 'string' ? [a] : []));
    const opts: Record<string, unknown> = { ...self.opts() };
    if (loose.length > 0) args = reclaimArguments(spec, loose, opts, args, typedWords(self));
    // The one place the run-wide flags are read; from here on the command sees typed values only.
    // Loaded here, not with the program, so that help never pays for settings and the config code.
    const [{ createRunContext }, { runFlagsOf }] = await Promise.all([import('../run-context.js'), import('./run-flags.js')]);
    const run = createRunContext(ctx, runFlagsOf(opts));
    const options = spec.toOptions({ args, opts }, run);
    await spec.run(options, run);
  });
}

/** The words that run a command: `config get` for `hproc config get`. */
function pathOf(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at?.parent != null; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

function suggestable(specs: readonly CommandSpec[]): SuggestableCommand[] {
  return specs.map((spec) => ({ name: spec.name, destructive: spec.destructive === true }));
}

/** Answers an unknown command word with hproc's own suggestion (commander's would offer `stop` for `top`). */
function unknownCommandExit(command: Command, commands: readonly SuggestableCommand[]): (error: CommanderError) => never {
  return (error) => {
    const word = error.code === 'commander.unknownCommand' ? /unknown command '(.*)'/.exec(error.message)?.[1] : undefined;
    if (word !== undefined) {
      const path = pathOf(command);
      throw new UsageError(`unknown command '${word}'`, { hint: unknownCommandHint(word, commands, path === '' ? 'hproc --help' : `hproc ${path} --help`) });
    }
    throw error;
  };
}

/** Builds the commander program from the command registry; output goes to ctx's streams. */
export function buildProgram(specs: readonly CommandSpec[], ctx: Ctx): Command {
  const program = new Command('hproc')
    .description('Inspect Hathora Cloud game-server processes')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
      // Errors are printed once, by main, as one `hproc:` line.
      outputError: () => undefined,
      getOutHelpWidth: () => ctx.io.stdout.columns ?? 80,
      getErrHelpWidth: () => ctx.io.stderr.columns ?? 80,
    });
  program.exitOverride(unknownCommandExit(program, suggestable(specs)));
  program.addHelpText(
    'after',
    '\nEnvironment:\n  HATHORA_TOKEN           API token\n  HATHORA_APP_ID          default application id\n  HATHORA_CLOUD_ENDPOINT  API base URL (an emulator, a proxy)\n  HPROC_PROFILE           profile of the config file (see hproc config)\n  XDG_CONFIG_HOME         config file directory (default ~/.config)\n  NO_COLOR, FORCE_COLOR   colour off / on\n\nExit codes: 0 ok, 1 failure, 2 usage, 3 not found, 4 auth, 5 network, 6 server error, 7 rate limited, 130 interrupted\n',
  );
  for (const spec of specs) addCommand(program, spec, ctx);
  addHelpCommand(program, ctx);
  // Subcommands inherit exitOverride and output settings only when set before they exist; set them again.
  const inherit = (parent: Command, parentSpecs: readonly CommandSpec[]): void => {
    for (const command of parent.commands) {
      const subcommands = parentSpecs.find((spec) => spec.name === command.name())?.subcommands;
      command.exitOverride(subcommands !== undefined ? unknownCommandExit(command, suggestable(subcommands)) : undefined).configureOutput(program.configureOutput()).showSuggestionAfterError(true);
      inherit(command, subcommands ?? []);
    }
  };
  inherit(program, specs);
  return program;
}

/** Turns commander's own exits into outcomes: help and version succeed, anything else is a usage error. */
export function translateCommanderError(error: unknown): ProgramOutcome {
  if (!(error instanceof CommanderError)) throw error;
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return { exitCode: 0 };
  if (error.code === 'commander.help') {
    // `hproc` alone prints help to stderr and means "no command given".
    if (error.exitCode === 0) return { exitCode: 0 };
    throw new UsageError('no command given', { hint: "run 'hproc --help' to see the commands" });
  }
  const [first = '', ...rest] = error.message.split('\n');
  const message = first.replace(/^error: /, '');
  const suggestion = rest.join(' ').trim().replace(/^\((.*)\)$/, '$1');
  throw new UsageError(message, suggestion === '' ? {} : { hint: suggestion.charAt(0).toLowerCase() + suggestion.slice(1) });
}
