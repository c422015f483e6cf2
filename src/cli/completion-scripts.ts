// Shell completion scripts for bash, zsh and fish, generated from the command tree: commands and
// subcommands, each command's flags, the values of enum flags, help topics, and process ids from the
// last `hproc list` (a plain file in the user's cache directory, read by the shell, so completing
// an id never runs hproc or touches the network).
import { allCommands, commandTree, type CommandNode, type FlagInfo } from './command-tree.js';
import type { CommandSpec } from './spec.js';

/** The shells `hproc completion` writes scripts for. */
export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;

/** One of COMPLETION_SHELLS. */
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** What completion knows besides the tree: values of flags that name a server enum or a field. */
export interface CompletionData {
  /** Values per long flag name (`--status` → statuses), for flags without commander choices. */
  flagValues: Readonly<Record<string, readonly string[]>>;
  /** Flags whose value is a comma-separated list: each item completes on its own. */
  listFlags: readonly string[];
  /** Help topics, offered after `hproc help`. */
  helpTopics: readonly string[];
}

/** Where `hproc list` leaves the ids it printed, relative to the cache directory. */
export const ID_CACHE_FILE = 'hproc/process-ids';

interface Model {
  nodes: CommandNode[];
  roots: string[];
  data: CompletionData;
}

function modelOf(specs: readonly CommandSpec[], data: CompletionData): Model {
  const tree = commandTree(specs);
  return { nodes: allCommands(tree), roots: [...tree.map((n) => n.path[0] as string), 'help'], data };
}

function visibleFlags(node: CommandNode): FlagInfo[] {
  return node.flags.filter((f) => !f.hidden);
}

function valuesOf(flag: FlagInfo, data: CompletionData): readonly string[] {
  return flag.choices ?? data.flagValues[flag.long] ?? [];
}

function takesProcessId(node: CommandNode): boolean {
  return node.spec.args.some((a) => a.name === 'processId');
}

// Single-quoted for any POSIX shell: the words are ours (commands, flags, enum values), but quote anyway.
function sq(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function names(flag: FlagInfo): string[] {
  return [flag.short, flag.long].filter((n): n is string => n !== undefined);
}

// The data as shell functions shared by bash and zsh (both run `case` the same way). No variable is
// called `path`: in zsh that is $PATH.
function shellData(model: Model): string {
  const lines: string[] = [];
  const children = (path: string): string[] =>
    path === '' ? model.roots : model.nodes.filter((n) => n.path.slice(0, -1).join(' ') === path).map((n) => n.path[n.path.length - 1] as string);
  const groups = ['', ...model.nodes.filter((n) => n.children.length > 0).map((n) => n.path.join(' '))];
  lines.push('_hproc_subcommands() {', '  case "$1" in');
  for (const group of groups) lines.push(`    ${sq(group)}) echo ${sq(children(group).join(' '))} ;;`);
  lines.push('  esac', '}');
  lines.push('_hproc_flags() {', '  case "$1" in');
  for (const node of model.nodes) lines.push(`    ${sq(node.path.join(' '))}) echo ${sq([...visibleFlags(node).flatMap(names), '--help'].join(' '))} ;;`);
  lines.push('  esac', '}');
  lines.push('# Flags that take a value (the next word is that value, not a command).', '_hproc_value_flags() {', '  case "$1" in');
  for (const node of model.nodes) {
    // Optional values (`--fields [fields]`) count too: completing a field list beats completing an id there.
    const valued = node.flags.filter((f) => f.value !== undefined).flatMap(names);
    if (valued.length > 0) lines.push(`    ${sq(node.path.join(' '))}) echo ${sq(valued.join(' '))} ;;`);
  }
  lines.push('  esac', '}');
  lines.push('_hproc_values() {', '  case "$1|$2" in');
  for (const node of model.nodes) {
    for (const flag of node.flags) {
      const values = valuesOf(flag, model.data);
      if (flag.value === undefined || values.length === 0) continue;
      const patterns = names(flag).map((n) => sq(`${node.path.join(' ')}|${n}`)).join('|');
      lines.push(`    ${patterns}) echo ${sq(values.join(' '))} ;;`);
    }
  }
  lines.push('  esac', '}');
  lines.push('_hproc_is_list_flag() {', '  case "$1" in');
  const listNames = model.nodes.flatMap((n) => n.flags.filter((f) => model.data.listFlags.includes(f.long)).flatMap(names));
  if (listNames.length > 0) lines.push(`    ${[...new Set(listNames)].map(sq).join('|')}) return 0 ;;`);
  lines.push('  esac', '  return 1', '}');
  lines.push('# What a bare word completes to: process ids from the last listing, help names, shells.', '_hproc_positional() {', '  case "$1" in');
  const idCommands = model.nodes.filter(takesProcessId).map((n) => sq(n.path.join(' ')));
  if (idCommands.length > 0) lines.push(`    ${idCommands.join('|')}) _hproc_ids ;;`);
  lines.push(`    help) echo ${sq([...model.roots.filter((r) => r !== 'help'), ...model.data.helpTopics].join(' '))} ;;`);
  lines.push(`    completion) echo ${sq(COMPLETION_SHELLS.join(' '))} ;;`);
  lines.push('  esac', '}');
  lines.push(
    '_hproc_ids() {',
    `  local file="\${XDG_CACHE_HOME:-$HOME/.cache}/${ID_CACHE_FILE}"`,
    '  [ -r "$file" ] && cat -- "$file"',
    '}',
    '# The command path of the words before the cursor: "", "list", "config get"...',
    '_hproc_command_path() {',
    '  local cmdpath="" skip=0 word',
    '  for word in "$@"; do',
    '    if [ "$skip" = 1 ]; then skip=0; continue; fi',
    '    case "$word" in',
    '      --*=*) continue ;;',
    '      -*) case " $(_hproc_value_flags "$cmdpath") " in *" $word "*) skip=1 ;; esac; continue ;;',
    '    esac',
    '    case " $(_hproc_subcommands "$cmdpath") " in',
    '      *" $word "*) cmdpath="${cmdpath:+$cmdpath }$word" ;;',
    '    esac',
    '  done',
    '  echo "$cmdpath"',
    '}',
  );
  return lines.join('\n');
}

/** The bash script: `source <(hproc completion bash)`. */
function bashScript(model: Model): string {
  return [
    '# bash completion for hproc; generated by `hproc completion bash`.',
    '# Use: source <(hproc completion bash)   or save it under ~/.local/share/bash-completion/completions/hproc',
    shellData(model),
    '_hproc() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="" cmdpath values prefix',
    '  [ "$COMP_CWORD" -gt 0 ] && prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  cmdpath="$(_hproc_command_path "${COMP_WORDS[@]:1:COMP_CWORD-1}")"',
    '  COMPREPLY=()',
    '  # bash splits --flag=value at the = (it is in COMP_WORDBREAKS): look past it.',
    '  if [ "$cur" = "=" ]; then cur=""; elif [ "$prev" = "=" ] && [ "$COMP_CWORD" -gt 1 ]; then prev="${COMP_WORDS[COMP_CWORD-2]}"; fi',
    '  if [[ "$cur" == --*=* ]]; then',
    '    prev="${cur%%=*}"; prefix="${cur%%=*}="; cur="${cur#*=}"',
    '  elif [[ "$prev" == -* ]] && [[ " $(_hproc_value_flags "$cmdpath") " == *" $prev "* ]]; then',
    '    prefix=""',
    '  else',
    '    prev=""',
    '  fi',
    '  if [ -n "$prev" ]; then',
    '    values="$(_hproc_values "$cmdpath" "$prev")"',
    '    if _hproc_is_list_flag "$prev" && [[ "$cur" == *,* ]]; then prefix="$prefix${cur%,*},"; cur="${cur##*,}"; fi',
    '    COMPREPLY=($(compgen -P "$prefix" -W "$values" -- "$cur"))',
    '    return 0',
    '  fi',
    '  if [[ "$cur" == -* ]]; then',
    '    COMPREPLY=($(compgen -W "$(_hproc_flags "$cmdpath")" -- "$cur"))',
    '    return 0',
    '  fi',
    '  local subs; subs="$(_hproc_subcommands "$cmdpath")"',
    '  if [ -n "$subs" ]; then',
    '    COMPREPLY=($(compgen -W "$subs" -- "$cur"))',
    '  else',
    '    COMPREPLY=($(compgen -W "$(_hproc_positional "$cmdpath")" -- "$cur"))',
    '  fi',
    '  return 0',
    '}',
    'complete -F _hproc hproc',
    '',
  ].join('\n');
}

/** The zsh script: `source <(hproc completion zsh)`, or saved as `_hproc` in a directory of $fpath. */
function zshScript(model: Model): string {
  return [
    '#compdef hproc',
    '# zsh completion for hproc; generated by `hproc completion zsh`.',
    '# Use: source <(hproc completion zsh)   or save it as _hproc in a directory of your $fpath',
    shellData(model),
    '_hproc() {',
    '  local cur="${words[CURRENT]}" prev="${words[CURRENT-1]}" cmdpath values',
    '  cmdpath="$(_hproc_command_path "${(@)words[2,CURRENT-1]}")"',
    '  if [[ "$cur" == --*=* ]]; then',
    '    prev="${cur%%=*}"',
    '  elif [[ "$prev" == -* && " $(_hproc_value_flags "$cmdpath") " == *" $prev "* ]]; then',
    '    :',
    '  else',
    '    prev=""',
    '  fi',
    '  if [[ -n "$prev" ]]; then',
    '    values="$(_hproc_values "$cmdpath" "$prev")"',
    '    # The part before the last = or , is kept as typed; the rest completes to one value.',
    '    compset -P "*[=,]"',
    '    compadd -- ${=values}',
    '    return',
    '  fi',
    '  if [[ "$cur" == -* ]]; then',
    '    compadd -- ${=$(_hproc_flags "$cmdpath")}',
    '    return',
    '  fi',
    '  local subs="$(_hproc_subcommands "$cmdpath")"',
    '  if [[ -n "$subs" ]]; then compadd -- ${=subs}; else compadd -- ${=$(_hproc_positional "$cmdpath")}; fi',
    '}',
    'if [[ "${zsh_eval_context[-1]}" == loadautofunc ]]; then _hproc "$@"; else compdef _hproc hproc; fi',
    '',
  ].join('\n');
}

function fishQuote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The fish script: `hproc completion fish | source`, or saved in ~/.config/fish/completions/hproc.fish. */
function fishScript(model: Model): string {
  const lines = [
    '# fish completion for hproc; generated by `hproc completion fish`.',
    '# Use: hproc completion fish | source   or save it as ~/.config/fish/completions/hproc.fish',
    'function __hproc_ids',
    '    set -l dir ~/.cache',
    '    set -q XDG_CACHE_HOME; and set dir $XDG_CACHE_HOME',
    `    test -r $dir/${ID_CACHE_FILE}; and cat $dir/${ID_CACHE_FILE}`,
    'end',
    'complete -c hproc -f',
  ];
  const condition = (path: readonly string[]): string =>
    path.length === 0 ? '__fish_use_subcommand' : path.map((p) => `__fish_seen_subcommand_from ${p}`).join('; and ');
  for (const node of model.nodes) {
    const parent = node.path.slice(0, -1);
    const name = node.path[node.path.length - 1] as string;
    lines.push(`complete -c hproc -n ${fishQuote(condition(parent))} -a ${name} -d ${fishQuote(node.spec.summary)}`);
  }
  lines.push(`complete -c hproc -n '__fish_use_subcommand' -a help -d 'show help for a command or a topic'`);
  lines.push(`complete -c hproc -n '__fish_seen_subcommand_from help' -a ${fishQuote([...model.roots.filter((r) => r !== 'help'), ...model.data.helpTopics].join(' '))}`);
  for (const node of model.nodes) {
    const when = fishQuote(condition(node.path));
    for (const flag of visibleFlags(node)) {
      const parts = [`complete -c hproc -n ${when}`];
      if (flag.short !== undefined) parts.push(`-s ${flag.short.slice(1)}`);
      parts.push(`-l ${flag.long.slice(2)}`);
      const values = valuesOf(flag, model.data);
      if (flag.value !== undefined) parts.push(flag.valueRequired ? '-x' : '-f');
      if (flag.value !== undefined && values.length > 0) parts.push(`-a ${fishQuote(values.join(' '))}`);
      parts.push(`-d ${fishQuote(flag.description)}`);
      lines.push(parts.join(' '));
    }
    if (takesProcessId(node)) lines.push(`complete -c hproc -n ${when} -a '(__hproc_ids)' -d 'process id from the last hproc list'`);
    if (node.path.join(' ') === 'completion') lines.push(`complete -c hproc -n ${when} -a ${fishQuote(COMPLETION_SHELLS.join(' '))}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The completion script for a shell, generated from the registry. */
export function completionScript(shell: CompletionShell, specs: readonly CommandSpec[], data: CompletionData): string {
  const model = modelOf(specs, data);
  if (shell === 'bash') return bashScript(model);
  if (shell === 'zsh') return zshScript(model);
  return fishScript(model);
}
