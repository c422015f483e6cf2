// Every help request of the built bundle: the program's, each command's and subcommand's (--help, -h,
// help <path>) and each topic's. All go through commander; each must succeed with text on stdout and
// nothing on stderr, with no escape sequence to a pipe, and a terminal gets help laid out at its width.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import type { Ctx } from '../../src/context.js';
import { allCommands, commandTree } from '../../src/cli/command-tree.js';
import { HELP_TOPICS } from '../../src/cli/help-topics.js';
import { commandRegistry } from '../../src/commands/index.js';
import { BIN, fakeStream, type CliResult } from '../helpers/cli.js';

const DIST = new URL('../dist/', pathToFileURL(BIN));
// The bundle itself, in this process.
const bundle = (await import(new URL('main.js', DIST).href)) as typeof import('../../src/main.js');

const paths = [[], ...allCommands(commandTree(commandRegistry)).map((node) => [...node.path]), ['help']];
const REQUESTS = [
  ...paths.flatMap((path) => [[...path, '--help'], [...path, '-h'], ['help', ...path]]),
  ...HELP_TOPICS.map((topic) => ['help', topic.name]),
];

async function inBundle(argv: string[], tty = false, columns = 80): Promise<CliResult> {
  const stdout = fakeStream(tty, columns);
  const stderr = fakeStream(tty, columns);
  const ctx: Ctx = { io: { stdout, stderr }, env: {}, now: () => new Date('2026-11-01T12:00:00.000Z'), signal: new AbortController().signal };
  const code = await bundle.run(argv, ctx);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('help requests of the built bundle', () => {
  it('covers the program, subcommands and topics', () => {
    assert.ok(paths.some((path) => path.join(' ') === 'config get'), 'subcommands are included');
    assert.ok(REQUESTS.length > 50, `${REQUESTS.length} requests`);
  });

  it('every request prints help to a pipe, exits 0, writes nothing to stderr and no escape sequence', async () => {
    for (const argv of REQUESTS) {
      const r = await inBundle(argv);
      assert.equal(r.code, 0, `${argv.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr, '', argv.join(' '));
      assert.notEqual(r.stdout, '', argv.join(' '));
      assert.doesNotMatch(r.stdout, /\u001b/, argv.join(' '));
    }
  });

  it('--help, -h and help <command> print the same text', async () => {
    for (const path of paths.filter((p) => p.length > 0 && p[0] !== 'help')) {
      const [long, short, viaHelp] = await Promise.all([inBundle([...path, '--help']), inBundle([...path, '-h']), inBundle(['help', ...path])]);
      assert.equal(short.stdout, long.stdout, path.join(' '));
      assert.equal(viaHelp.stdout, long.stdout, path.join(' '));
    }
  });

  it('a terminal gets help laid out at its width', async () => {
    const narrow = await inBundle(['--help'], true, 80);
    const wide = await inBundle(['--help'], true, 120);
    assert.notEqual(wide.stdout, narrow.stdout, 'a wide terminal is not given the 80-column text');
    assert.match(wide.stdout, /\n {2}metrics \[options\] <processId> {2}a process's CPU, memory, egress and connections over time\n/);
  });
});
