// hproc(1), generated from the command registry and the help topics by scripts/gen-man.mjs, so the
// man page says what --help says. Nothing at run time imports this.
import { allCommands, commandTree, usageOf, type FlagInfo } from './command-tree.js';
import { ENVIRONMENT_VARIABLES, EXIT_CODE_MEANINGS, HELP_TOPICS } from './help-topics.js';
import type { CommandSpec } from './spec.js';

/** Escapes text for roff: backslashes, and a line that would start with a control character. */
export function roffEscape(text: string): string {
  return text
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .split('\n')
    .map((line) => (/^[.']/.test(line) ? `\\&${line}` : line))
    .join('\n');
}

function flagLine(flag: FlagInfo): string {
  const names = [flag.short, flag.long].filter((n): n is string => n !== undefined).map((n) => `\\fB${roffEscape(n)}\\fR`);
  const value = flag.value === undefined ? '' : ` \\fI${roffEscape(flag.value)}\\fR`;
  const choices = flag.choices === undefined ? '' : ` (one of: ${roffEscape(flag.choices.join(', '))})`;
  const fallback = typeof flag.defaultValue === 'string' ? ` (default: ${roffEscape(flag.defaultValue)})` : '';
  return `.TP\n${names.join(', ')}${value}\n${roffEscape(flag.description)}${choices}${fallback}`;
}

/** The whole man page, in roff (man macros). Deterministic: no date, so it changes only when the CLI does. */
export function renderManPage(specs: readonly CommandSpec[], version: string): string {
  const out: string[] = [];
  out.push(`.TH HPROC 1 "" "hproc ${roffEscape(version)}" "User Commands"`);
  out.push('.SH NAME', 'hproc \\- inspect Hathora Cloud game\\-server processes');
  out.push('.SH SYNOPSIS', '\\fBhproc\\fR \\fIcommand\\fR [\\fIoptions\\fR] [\\fIarguments\\fR]', '.br', '\\fBhproc help\\fR [\\fIcommand\\fR|\\fItopic\\fR]', '.br', '\\fBhproc \\-\\-version\\fR');
  out.push(
    '.SH DESCRIPTION',
    roffEscape(
      'hproc lists an app\'s processes, shows one in depth, and prints the API\'s own JSON for scripts. It speaks ' +
        'the v1, v2 and v3 process APIs, validates every answer, flags deprecated fields with what to use instead, and ' +
        'ships a local Hathora API emulator (hproc emulator) so all of it can be tried without an account.',
    ),
  );
  out.push('.SH COMMANDS');
  for (const node of allCommands(commandTree(specs))) {
    out.push(`.SS ${roffEscape(usageOf(node))}`);
    out.push(roffEscape(node.spec.description ?? node.spec.summary).replace(/\n/g, ' '));
    for (const arg of node.spec.args) out.push(`.TP\n\\fI${roffEscape(arg.name)}\\fR\n${roffEscape(arg.description)}${arg.required ? '' : ' (optional)'}`);
    const visible = node.flags.filter((flag) => !flag.hidden);
    if (visible.length > 0) {
      out.push('.PP', 'Options:');
      for (const flag of visible) out.push(flagLine(flag));
    }
    if (node.spec.examples.length > 0) {
      // No fill: an example stays one pasteable line, never hyphenated or joined.
      out.push('.PP', 'Examples:', '.RS', '.nf');
      const blocks = node.spec.examples.map((example) => `# ${roffEscape(example.description)}\n\\fB${roffEscape(example.command)}\\fR`);
      out.push(blocks.join('\n\n'), '.fi', '.RE');
    }
  }
  out.push('.SS hproc help [command|topic]', 'Help for hproc, a command, or a topic:');
  for (const topic of HELP_TOPICS) out.push(`.TP\n\\fB${roffEscape(topic.name)}\\fR\n${roffEscape(topic.summary)}`);
  out.push('.SH GLOBAL OPTIONS', '.TP\n\\fB\\-V\\fR, \\fB\\-\\-version\\fR\nprint the version', '.TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nshow help');
  out.push('.SH ENVIRONMENT');
  for (const variable of ENVIRONMENT_VARIABLES) out.push(`.TP\n.B ${variable.name}\n${roffEscape(variable.meaning)}`);
  out.push('.SH EXIT STATUS');
  for (const exit of EXIT_CODE_MEANINGS) out.push(`.TP\n.B ${exit.code}\n${roffEscape(exit.meaning)}`);
  out.push('.SH SEE ALSO', roffEscape('The README (command reference, paging and the before cursor, the emulator, deprecated fields) and CHANGELOG.md in the package.'));
  return `${out.join('\n')}\n`;
}
