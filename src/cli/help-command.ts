// `hproc help [command|topic]`, replacing commander's own help command so that it also knows the
// topics (environment, exit-codes) and suggests a near name for a typo.
import type { Command } from 'commander';
import type { Ctx } from '../context.js';
import { UsageError } from '../errors.js';
import { HELP_TOPICS, helpTopicOf } from './help-topics.js';
import { closestName } from '../near-names.js';

function findCommand(program: Command, path: readonly string[]): Command | undefined {
  let current: Command = program;
  for (const name of path) {
    const next = current.commands.find((c) => c.name() === name || c.aliases().includes(name));
    if (next === undefined) return undefined;
    current = next;
  }
  return current;
}

/** Adds `hproc help [command|topic]` and lists the topics at the end of the program's help. */
export function addHelpCommand(program: Command, ctx: Ctx): void {
  program.helpCommand(false);
  const width = Math.max(...HELP_TOPICS.map((t) => t.name.length));
  program.addHelpText('after', `Help topics (hproc help <topic>):\n${HELP_TOPICS.map((t) => `  ${t.name.padEnd(width)}  ${t.summary}`).join('\n')}\n`);
  program
    .command('help')
    .argument('[name...]', 'a command (e.g. list, or config get) or a topic (environment, exit-codes)')
    .summary('show help for a command or a topic')
    .description('Show help for hproc, a command, or a topic: environment, exit-codes.')
    .action((names: string[]) => {
      if (names.length === 0) {
        program.outputHelp();
        return;
      }
      const topic = names.length === 1 ? helpTopicOf(names[0] as string) : undefined;
      if (topic !== undefined) {
        ctx.io.stdout.write(topic.text());
        return;
      }
      const command = findCommand(program, names);
      if (command !== undefined && command !== program) {
        command.outputHelp();
        return;
      }
      const wanted = names.join(' ');
      const known = [...program.commands.map((c) => c.name()).filter((n) => n !== 'help'), ...HELP_TOPICS.map((t) => t.name)];
      const near = closestName(names[0] as string, known);
      throw new UsageError(`no command or help topic '${wanted}'`, {
        hint: near !== undefined ? `did you mean ${near}?` : `commands and topics: ${known.join(', ')}`,
      });
    });
}
