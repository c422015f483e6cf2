// The man page is generated from the registry; the one in man/ must be what the generator makes now.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { allCommands, commandTree, parseFlags } from '../../../src/cli/command-tree.js';
import { renderManPage, roffEscape } from '../../../src/cli/man-page.js';
import { commandRegistry } from '../../../src/commands/index.js';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string; files: string[]; man: string[] };
const page = renderManPage(commandRegistry, pkg.version);

test('man/hproc.1 is current (npm run build regenerates it)', () => {
  const onDisk = readFileSync(new URL('../../../man/hproc.1', import.meta.url), 'utf8');
  assert.equal(onDisk, page, 'man/hproc.1 is stale: run `node scripts/gen-man.mjs`');
  // npm links a man page on a global install only when `man` is an array.
  assert.deepEqual(pkg.man, ['./man/hproc.1']);
  assert.ok(pkg.files.includes('man/'));
});

test('every command and every visible flag of the registry is in the man page', () => {
  for (const node of allCommands(commandTree(commandRegistry))) {
    assert.match(page, new RegExp(`^\\.SS hproc ${node.path.join(' ')}( |$)`, 'm'), node.path.join(' '));
    const section = page.slice(page.indexOf(`.SS hproc ${node.path.join(' ')}`));
    for (const flag of node.flags.filter((f) => !f.hidden)) assert.ok(section.includes(`\\fB${roffEscape(flag.long)}\\fR`), `${node.path.join(' ')} ${flag.long}`);
  }
  for (const section of ['.SH NAME', '.SH SYNOPSIS', '.SH COMMANDS', '.SH ENVIRONMENT', '.SH EXIT STATUS']) assert.ok(page.includes(`\n${section}\n`), section);
});

test('roff escaping: backslashes, hyphens and lines starting with a dot', () => {
  assert.equal(roffEscape('a\\b --x\n.y'), 'a\\eb \\-\\-x\n\\&.y');
});

test('flag syntax is parsed: short, long, required or optional value', () => {
  assert.deepEqual(parseFlags({ flags: '-s, --status <statuses>', description: 'd' }), {
    short: '-s', long: '--status', value: '<statuses>', valueRequired: true, description: 'd', choices: undefined, defaultValue: undefined, hidden: false,
  });
  const optional = parseFlags({ flags: '--fields [fields]', description: 'd', hidden: true });
  assert.equal(optional.valueRequired, false);
  assert.equal(optional.hidden, true);
  assert.equal(parseFlags({ flags: '--no-headers', description: 'd' }).value, undefined);
});
