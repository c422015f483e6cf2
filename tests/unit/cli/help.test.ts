// Help that teaches: topics, help for commands, and "did you mean" for commands, topics and flags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestName, editDistance } from '../../../src/near-names.js';
import { suggestCommands } from '../../../src/cli/command-suggestions.js';
import { commandRegistry } from '../../../src/commands/index.js';
import { runInProcess } from '../../helpers/cli.js';

test('hproc help exit-codes prints the table, one code per line', async () => {
  const r = await runInProcess(['help', 'exit-codes']);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  const codes = r.stdout.split('\n').map((line) => /^ {2}(\d+) +\S/.exec(line)?.[1]).filter((c) => c !== undefined);
  assert.deepEqual(codes, ['0', '1', '2', '3', '4', '5', '6', '7', '9', '130']);
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

test('a command group run alone prints its own help to stdout and succeeds, as gh does', async () => {
  const groups = commandRegistry.filter((spec) => spec.subcommands !== undefined).map((spec) => spec.name);
  assert.deepEqual(groups, ['config', 'auth']);
  for (const group of groups) {
    const help = await runInProcess([group, '--help']);
    assert.match(help.stdout, new RegExp(`^Usage: hproc ${group} \\[options\\] \\[command\\]\n`));
    assert.deepEqual(await runInProcess([group]), { code: 0, stdout: help.stdout, stderr: '' });
  }
  const auth = await runInProcess(['auth']);
  for (const sub of ['status', 'login', 'logout']) assert.match(auth.stdout, new RegExp(`^ {2}${sub} `, 'm'), sub);
});

test('an unknown word after a group is an unknown command of that group, with a near one', async () => {
  assert.deepEqual(await runInProcess(['config', 'lst']), { code: 2, stdout: '', stderr: "hproc: unknown command 'lst'\nhint: did you mean list?\n" });
  assert.deepEqual(await runInProcess(['auth', 'zzzzzz']), { code: 2, stdout: '', stderr: "hproc: unknown command 'zzzzzz'\nhint: run 'hproc auth --help' to see the commands\n" });
});

test('other CLIs\' verbs are answered with hproc\'s; a typo never with a destructive command', async () => {
  const hint = async (word: string): Promise<string> => (await runInProcess([word])).stderr;
  assert.equal(await hint('describe'), "hproc: unknown command 'describe'\nhint: did you mean show or list?\n");
  assert.equal(await hint('get'), "hproc: unknown command 'get'\nhint: did you mean list or show?\n");
  assert.equal(await hint('kill'), "hproc: unknown command 'kill'\nhint: did you mean stop?\n");
  assert.equal(await hint('delete'), "hproc: unknown command 'delete'\nhint: did you mean stop?\n");
  // One letter from stop, but not stop with two letters swapped: no destructive suggestion.
  assert.equal(await hint('step'), "hproc: unknown command 'step'\nhint: run 'hproc --help' to see the commands\n");
  assert.equal(await hint('stp'), "hproc: unknown command 'stp'\nhint: run 'hproc --help' to see the commands\n");
  assert.equal(await hint('shop'), "hproc: unknown command 'shop'\nhint: did you mean show?\n");
  assert.equal(await hint('sotp'), "hproc: unknown command 'sotp'\nhint: did you mean stop?\n");
  // Before there was a top command, `top` was answered with stop.
  const commands = [{ name: 'list', destructive: false }, { name: 'show', destructive: false }, { name: 'stop', destructive: true }];
  assert.deepEqual(suggestCommands('top', commands), []);
  assert.deepEqual(suggestCommands('lst', commands), ['list']);
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
