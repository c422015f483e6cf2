import { defineCommand } from '../cli/spec.js';
import { UsageError } from '../errors.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;

/** Validated options of `hproc completion`. */
export interface CompletionOptions {
  shell: (typeof SHELLS)[number];
}

/** `hproc completion bash|zsh|fish`: a shell completion script, generated from the command registry. */
export const completionCommand = defineCommand<CompletionOptions>({
  name: 'completion',
  summary: 'print a shell completion script (bash, zsh or fish)',
  description:
    'Print a completion script for bash, zsh or fish. It completes commands, flags, the values of\n' +
    'enum flags (status, region, output format, API generation, fields) and, after `hproc list` has\n' +
    'run once, process ids from the last listing (kept in $XDG_CACHE_HOME/hproc/process-ids).',
  args: [{ name: 'shell', description: 'bash, zsh or fish', required: false }],
  options: [],
  examples: [
    { description: 'bash, for this shell', command: 'source <(hproc completion bash)' },
    { description: 'bash, for every new shell', command: 'hproc completion bash > ~/.local/share/bash-completion/completions/hproc' },
    { description: 'zsh (a directory in $fpath)', command: 'hproc completion zsh > "${fpath[1]}/_hproc"' },
    { description: 'fish', command: 'hproc completion fish > ~/.config/fish/completions/hproc.fish' },
  ],
  toOptions: ({ args }) => {
    const shell = args[0];
    if (shell === undefined) throw new UsageError(`name a shell: ${SHELLS.join(', ')}`, { hint: 'for example: source <(hproc completion bash)' });
    if (!(SHELLS as readonly string[]).includes(shell)) throw new UsageError(`unknown shell '${shell}'`, { hint: `use one of ${SHELLS.join(', ')}` });
    return { shell: shell as CompletionOptions['shell'] };
  },
  run: async (options, ctx) => {
    const [{ completionScript }, { commandRegistry }, { completionData }] = await Promise.all([
      import('../cli/completion-scripts.js'),
      import('./index.js'),
      import('./completion-data.js'),
    ]);
    ctx.io.stdout.write(completionScript(options.shell, commandRegistry, completionData()));
  },
});
