// Help that teaches: topics, help for commands, and "did you mean" for commands, topics and flags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestName, editDistance } from '../../../src/cli/help-command.js';
import { commandRegistry } from '../../../src/commands/index.js';
import { runInProcess } from '../../helpers/cli.js';

test('hproc help exit-codes prints the table, one code per line', async () => {
  const r = await runInProcess(['help', 'exit-codes']);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  const codes = r.stdout.split('\n').map((line) => /^ {2}(\d+) +\S/.exec(line)?.[1]).filter((c) => c !== undefined);
  assert.deepEqual(codes, ['0', '1', '2', '3', '4', '5', '6', '7', '130']);
});

test('hproc help environment names every variable hproc reads', async () => {
  const r = await runInProcess(['help', 'environment']);
  assert.equal(r.code, 0);
  for (const name of ['HATHORA_TOKEN', 'HATHORA_APP_ID', 'HATHORA_CLOUD_ENDPOINT', 'HPROC_PROFILE', 'NO_COLOR', 'FORCE_COLOR', 'XDG_CACHE_HOME']) {
    assert.match(r.stdout, new RegExp(`^ {2}${name} +\\S`, 'm'), name);
  }
});

test('hproc help <command> still prints that command\'s help, examples included', async () => {
  const r = await runInProcess(['help', 'list']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^Usage: hproc list \[options\]\n/);
  assert.match(r.stdout, /\nExamples:\n/);
  const same = await runInProcess(['list', '--help']);
  assert.equal(same.stdout, r.stdout);
  const sub = await runInProcess(['help', 'config', 'get']);
  assert.equal(sub.code, 0);
  assert.match(sub.stdout, /^Usage: hproc config get \[options\] <key>\n/);
});

test('hproc help alone prints the program help, which lists the topics', async () => {
  const r = await runInProcess(['help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^Usage: hproc \[options\] \[command\]/);
  assert.match(r.stdout, /\nHelp topics \(hproc help <topic>\):\n {2}environment +environment variables hproc reads\n {2}exit-codes +/);
});

test('did you mean: a mistyped help topic, command or flag (also a subcommand\'s flag) exits 2 with a suggestion', async () => {
  assert.deepEqual(await runInProcess(['help', 'exit-code']), { code: 2, stdout: '', stderr: "hproc: no command or help topic 'exit-code'\nhint: did you mean exit-codes?\n" });
  assert.deepEqual(await runInProcess(['lsit']), { code: 2, stdout: '', stderr: "hproc: unknown command 'lsit'\nhint: did you mean list?\n" });
  assert.deepEqual(await runInProcess(['list', '--stauts', 'running']), { code: 2, stdout: '', stderr: "hproc: unknown option '--stauts'\nhint: did you mean --status?\n" });
  assert.deepEqual(await runInProcess(['show', 'x', '--jsno']), { code: 2, stdout: '', stderr: "hproc: unknown option '--jsno'\nhint: did you mean --json?\n" });
  assert.deepEqual(await runInProcess(['config', 'gt']), { code: 2, stdout: '', stderr: "hproc: unknown command 'gt'\nhint: did you mean get?\n" });
  assert.deepEqual(await runInProcess(['config', 'list', '--shwo-source']), { code: 2, stdout: '', stderr: "hproc: unknown option '--shwo-source'\nhint: did you mean --show-source?\n" });
  const far = await runInProcess(['help', 'zzzzzz']);
  assert.equal(far.code, 2);
  assert.match(far.stderr, /^hproc: no command or help topic 'zzzzzz'\nhint: commands and topics: list, show, /);
});

test('a command group run alone prints its own help to stderr and points at it, not at the program\'s', async () => {
  const groups = commandRegistry.filter((spec) => spec.subcommands !== undefined).map((spec) => spec.name);
  assert.deepEqual(groups, ['config', 'auth']);
  for (const group of groups) {
    const help = await runInProcess([group, '--help']);
    assert.match(help.stdout, new RegExp(`^Usage: hproc ${group} \\[options\\] \\[command\\]\n`));
    assert.deepEqual(await runInProcess([group]), {
      code: 2,
      stdout: '',
      stderr: `${help.stdout}hproc: no command given\nhint: run 'hproc ${group} --help' to see its commands\n`,
    });
  }
  const auth = await runInProcess(['auth']);
  for (const sub of ['status', 'login', 'logout']) assert.match(auth.stderr, new RegExp(`^ {2}${sub} `, 'm'), sub);
});

test('hproc alone still points at the program\'s help', async () => {
  const r = await runInProcess([]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.ok(r.stderr.startsWith((await runInProcess(['--help'])).stdout), r.stderr);
  assert.ok(r.stderr.endsWith("hproc: no command given\nhint: run 'hproc --help' to see the commands\n"), r.stderr);
});

test('edit distance counts a swap as one edit; closestName keeps to near names', () => {
  assert.equal(editDistance('lsit', 'list'), 1);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(closestName('shwo', ['list', 'show']), 'show');
  assert.equal(closestName('qqqq', ['list', 'show']), undefined);
});
