// The README's command reference and the command registry describe the same commands and flags.
// A command is documented by a `### \`hproc <command> …\`` section under "## Commands" (a group's
// subcommands may instead be rows of its section's table); a flag by its long name in backticks in
// the command's section, or in the shared "## Output" or "## Common flags" sections. And the other
// way: every section names a real command, and every flag in the first column of a section's
// table is a flag of that command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { allCommands, commandTree, type CommandNode } from '../../../src/cli/command-tree.js';
import { commandRegistry } from '../../../src/commands/index.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

function sectionOf(text: string, heading: string): string {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) return '';
  const rest = text.slice(start + heading.length + 2);
  const level = heading.split(' ')[0] as string;
  const end = rest.search(new RegExp(`\\n#{1,${level.length}} `));
  return end < 0 ? rest : rest.slice(0, end);
}

const reference = sectionOf(readme, '## Commands');
const shared = `${sectionOf(readme, '## Output')}\n${sectionOf(readme, '## Common flags')}`;

/** Sections by command path (`config`, `auth status`), from `### \`hproc …\`` headings. */
const sections = new Map<string, string>();
for (const match of reference.matchAll(/^### `hproc ([^`]*)`/gm)) {
  const path = (match[1] as string).split(' ').filter((word) => /^[a-z][a-z-]*$/.test(word)).join(' ');
  sections.set(path, sectionOf(reference, match[0]));
}

function backticked(text: string): string {
  return [...text.replace(/```[\s\S]*?```/g, "").matchAll(/`([^`]+)`/g)].map((m) => m[1]).join('\n');
}

function mentionsFlag(text: string, flag: string): boolean {
  return new RegExp(`(^|[\\s,|(\\[])${flag.replace(/-/g, '\\-')}(?![a-z0-9-])`, 'm').test(backticked(text));
}

function tableFlags(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/(?<![a-z0-9-])--[a-z][a-z0-9-]*/g)].map((m) => m[0]));
}

const nodes = allCommands(commandTree(commandRegistry));
const byPath = new Map(nodes.map((node) => [node.path.join(' '), node]));

function documentation(node: CommandNode): string | undefined {
  const own = sections.get(node.path.join(' '));
  if (own !== undefined) return own;
  // A group (`hproc auth`) is documented by its subcommands' sections.
  if (node.children.length > 0 && node.children.some((child) => documentation(child) !== undefined)) return '';
  const parent = sections.get(node.path.slice(0, -1).join(' '));
  // A subcommand listed as a row of its group's table: `| \`get <key>\` | … |`.
  if (node.path.length > 1 && parent !== undefined && new RegExp(`^\\| \`${node.path[node.path.length - 1]}( |\`)`, 'm').test(parent)) return parent;
  return undefined;
}

test('every command of the registry has a section in the README command reference', () => {
  const missing = nodes.filter((node) => documentation(node) === undefined).map((node) => `hproc ${node.path.join(' ')}`);
  assert.deepEqual(missing, [], 'add a "### `hproc <command>`" section (with examples) to the README');
});

test('every visible flag of every command is in the README, in its section or a shared one', () => {
  const missing: string[] = [];
  for (const node of nodes) {
    const text = documentation(node);
    if (text === undefined) continue;
    for (const flag of node.flags.filter((f) => !f.hidden)) {
      if (!mentionsFlag(text, flag.long) && !mentionsFlag(shared, flag.long)) missing.push(`hproc ${node.path.join(' ')} ${flag.long}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('every README command section names a real command, and its table lists only that command\'s flags', () => {
  const extra: string[] = [];
  for (const [path, text] of sections) {
    if (path === 'help') continue;
    const node = byPath.get(path);
    if (node === undefined) {
      extra.push(`section for unknown command 'hproc ${path}'`);
      continue;
    }
    const own = new Set([...allCommands([node]).flatMap((n) => n.flags.map((f) => f.long)), '--help', '--version']);
    for (const flag of tableFlags(text)) if (!own.has(flag)) extra.push(`hproc ${path}: README lists ${flag}, which it does not have`);
  }
  assert.deepEqual(extra, []);
});

test('every command section has at least one example', () => {
  const without = [...sections].filter(([, text]) => !/```sh\n/.test(text)).map(([path]) => path);
  assert.deepEqual(without, []);
});
