// The build records every help request's output (dist/help.json) and the bundle answers a pipe's help
// requests from it without commander. Each answer must be the bytes, stderr and exit code commander
// gives for the same arguments; whatever could change them must reach commander.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Ctx } from '../../src/context.js';
import { helpKey, type HelpSnapshot } from '../../src/cli/help-snapshot.js';
import { allCommands, commandTree } from '../../src/cli/command-tree.js';
import { HELP_TOPICS } from '../../src/cli/help-topics.js';
import { commandRegistry } from '../../src/commands/index.js';
import { BIN, fakeStream, runBinary, type CliResult } from '../helpers/cli.js';

const ROOT = new URL('..', pathToFileURL(BIN));
const DIST = new URL('dist/', ROOT);
const SNAPSHOT = JSON.parse(readFileSync(new URL('help.json', DIST), 'utf8')) as HelpSnapshot;
// The bundle itself, in this process: its run (with the shortcut) and runProgram (commander only).
const bundle = (await import(new URL('main.js', DIST).href)) as typeof import('../../src/main.js');
const REQUESTS = Object.keys(SNAPSHOT.answers).map((key) => key.split('\0'));

async function inBundle(runner: 'run' | 'runProgram', argv: string[], tty = false, columns = 80, env: Ctx['env'] = {}): Promise<CliResult> {
  const stdout = fakeStream(tty, columns);
  const stderr = fakeStream(tty, columns);
  const ctx: Ctx = { io: { stdout, stderr }, env, now: () => new Date('2026-11-01T12:00:00.000Z'), signal: new AbortController().signal };
  const code = await bundle[runner](argv, ctx);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

function spawnHproc(bin: string, argv: string[], env: Record<string, string>): Promise<CliResult> {
  return runBinary(argv, env, undefined, bin);
}

/** Runs fn over items, a few at a time: every request is a process start. */
async function eachLimited<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all([worker(), worker(), worker()]);
}

describe('help from the texts recorded at build time', () => {
  it('records the program, every command and subcommand (--help, -h, help <path>), and each topic', () => {
    const paths = [[], ...allCommands(commandTree(commandRegistry)).map((node) => [...node.path]), ['help']];
    const expected = [
      ...paths.flatMap((path) => [[...path, '--help'], [...path, '-h'], ['help', ...path]]),
      ...HELP_TOPICS.map((topic) => ['help', topic.name]),
    ].map(helpKey);
    assert.deepEqual(Object.keys(SNAPSHOT.answers).sort(), expected.sort());
    assert.ok(paths.some((path) => path.join(' ') === 'config get'), 'subcommands are included');
    assert.ok(SNAPSHOT.texts.every((text, i) => Object.values(SNAPSHOT.answers).includes(i)), 'no text is unused');
  });

  it('the bundle answers every recorded request as commander does, whatever hproc\'s own variables say', async () => {
    const env = { HATHORA_APP_ID: 'app-x', HATHORA_CLOUD_ENDPOINT: 'http://127.0.0.1:1', HPROC_PROFILE: 'missing', XDG_CONFIG_HOME: '/nonexistent', CI: '1', TERM: 'dumb' };
    for (const argv of REQUESTS) {
      const fast = await inBundle('run', argv);
      assert.deepEqual(fast, await inBundle('runProgram', argv), argv.join(' '));
      assert.deepEqual(fast, await inBundle('runProgram', argv, false, 80, env), argv.join(' '));
      assert.deepEqual(fast, { code: 0, stdout: SNAPSHOT.texts[SNAPSHOT.answers[helpKey(argv)] as number], stderr: '' }, argv.join(' '));
    }
  });

  it('for every recorded text, the built hproc on a pipe prints exactly what commander prints', async () => {
    // One request per text: the others differ from it only in the arguments, checked in-process above.
    const onePerText = SNAPSHOT.texts.map((_, i) => REQUESTS.find((argv) => SNAPSHOT.answers[helpKey(argv)] === i) as string[]);
    await eachLimited(onePerText, async (argv) => {
      const [fast, commander] = await Promise.all([spawnHproc(BIN, argv, {}), inBundle('runProgram', argv)]);
      assert.deepEqual(fast, commander, argv.join(' '));
      assert.deepEqual(fast, { code: 0, stdout: SNAPSHOT.texts[SNAPSHOT.answers[helpKey(argv)] as number], stderr: '' }, argv.join(' '));
    });
  });

  it('a terminal gets help from commander, at its width', async () => {
    const text = SNAPSHOT.texts[SNAPSHOT.answers[helpKey(['--help'])] as number];
    for (const argv of [['--help'], ['config', 'get', '-h'], ['help', 'list']]) {
      for (const columns of [50, 80, 120]) {
        const fast = await inBundle('run', argv, true, columns);
        assert.deepEqual(fast, await inBundle('runProgram', argv, true, columns), `${argv.join(' ')} at ${columns}`);
      }
    }
    const wide = await inBundle('run', ['--help'], true, 120);
    assert.notEqual(wide.stdout, text, 'a wide terminal is not given the 80-column text');
    assert.match(wide.stdout, /\n {2}metrics \[options\] <processId> {2}a process's CPU, memory, egress and connections over time\n/);
  });

  describe('environments that could change help give the same bytes either way', () => {
    let bypass: string;
    before(() => {
      // The same build without its recorded texts: every request goes through commander.
      bypass = mkdtempSync(join(tmpdir(), 'hproc-no-help-snapshot-'));
      cpSync(fileURLToPath(new URL('bin/', ROOT)), join(bypass, 'bin'), { recursive: true });
      cpSync(fileURLToPath(DIST), join(bypass, 'dist'), { recursive: true });
      rmSync(join(bypass, 'dist', 'help.json'));
      mkdirSync(join(bypass, 'config', 'hproc'), { recursive: true });
      writeFileSync(join(bypass, 'config', 'hproc', 'config.json'), '{ not json');
    });
    after(() => rmSync(bypass, { recursive: true, force: true }));

    const environments: Record<string, (dir: string) => Record<string, string>> = {
      'colour forced': () => ({ FORCE_COLOR: '1', CLICOLOR_FORCE: '1' }),
      'colour off': () => ({ NO_COLOR: '1', FORCE_COLOR: '0' }),
      'a narrow COLUMNS and a dumb terminal': () => ({ COLUMNS: '40', LINES: '10', TERM: 'dumb' }),
      'a damaged config file and a missing profile': (dir) => ({ XDG_CONFIG_HOME: join(dir, 'config'), HPROC_PROFILE: 'missing' }),
      'a token that occurs in the help text, masked both ways': () => ({ HATHORA_TOKEN: 'processes', HATHORA_APP_ID: 'app-x' }),
    };
    for (const [name, envOf] of Object.entries(environments)) {
      it(name, async () => {
        const env = envOf(bypass);
        for (const argv of [['--help'], ['config', 'get', '-h'], ['help', 'environment']]) {
          const [fast, commander] = await Promise.all([spawnHproc(BIN, argv, env), spawnHproc(join(bypass, 'bin', 'hproc.js'), argv, env)]);
          assert.deepEqual(fast, commander, argv.join(' '));
          assert.equal(fast.code, 0, fast.stderr);
        }
      });
    }

    it('the token case really masks: the help text has the word, the output does not', async () => {
      const r = await spawnHproc(BIN, ['--help'], { HATHORA_TOKEN: 'processes' });
      assert.match(SNAPSHOT.texts[SNAPSHOT.answers['--help'] as number] as string, /processes/);
      assert.doesNotMatch(r.stdout, /processes/);
    });
  });
});
