// The lookup behind help from the build's recorded texts: exact arguments, a stdout that is no terminal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { helpKey, mayAskForHelp, readHelpSnapshot, snapshotAnswer, type HelpSnapshot } from '../../../src/cli/help-snapshot.js';

const SNAPSHOT: HelpSnapshot = {
  texts: ['program help\n', 'get help\n'],
  answers: { [helpKey(['--help'])]: 0, [helpKey(['help'])]: 0, [helpKey(['config', 'get', '-h'])]: 1 },
};
const PIPE = { isTTY: false, columns: undefined };

test('a recorded request to a pipe gets its recorded text', () => {
  assert.equal(snapshotAnswer(SNAPSHOT, ['--help'], PIPE), 'program help\n');
  assert.equal(snapshotAnswer(SNAPSHOT, ['help'], PIPE), 'program help\n');
  assert.equal(snapshotAnswer(SNAPSHOT, ['config', 'get', '-h'], PIPE), 'get help\n');
});

test('a terminal, at any width, is left to commander, which wraps help to it', () => {
  for (const columns of [40, 80, 200]) assert.equal(snapshotAnswer(SNAPSHOT, ['--help'], { isTTY: true, columns }), undefined);
  assert.equal(snapshotAnswer(SNAPSHOT, ['--help'], { isTTY: false, columns: 80 }), undefined);
});

test('only the exact arguments recorded: anything more, less or joined differently is left to commander', () => {
  for (const argv of [[], ['--help', '--debug'], ['config', 'get'], ['config', '-h'], ['config get', '-h'], ['config', 'get', '-h', 'x'], ['constructor'], ['__proto__'], ['toString']]) {
    assert.equal(snapshotAnswer(SNAPSHOT, argv, PIPE), undefined, argv.join(' '));
  }
});

test('the key keeps arguments apart: a space inside one is not a separator', () => {
  assert.notEqual(helpKey(['config get', '-h']), helpKey(['config', 'get', '-h']));
  assert.equal(helpKey(['config', 'get', '-h']), 'config\0get\0-h');
});

test('the file is read only for arguments that could be a help request', () => {
  for (const argv of [['--help'], ['-h'], ['help'], ['help', 'list'], ['config', 'get', '--help']]) assert.equal(mayAskForHelp(argv), true, argv.join(' '));
  for (const argv of [[], ['list'], ['show', 'x', '--json'], ['list', '--hel'], ['--version']]) assert.equal(mayAskForHelp(argv), false, argv.join(' '));
});

test('readHelpSnapshot: the file as written, none where there is no file, and a damaged file is an error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hproc-help-snapshot-'));
  try {
    const file = pathToFileURL(join(dir, 'help.json'));
    assert.equal(readHelpSnapshot(file), undefined);
    writeFileSync(file, JSON.stringify(SNAPSHOT));
    assert.deepEqual(readHelpSnapshot(file), SNAPSHOT);
    writeFileSync(file, '{"texts":');
    assert.throws(() => readHelpSnapshot(file), SyntaxError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
