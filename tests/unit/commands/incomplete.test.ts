// The wording of a listing that paging cut short, and where a watch shows it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { incompleteError, incompleteMessage } from '../../../src/commands/incomplete.js';
import { ExitCode, IncompleteError } from '../../../src/errors.js';
import { toProcessView } from '../../../src/models/normalise.js';
import { ProcessV3Schema } from '../../../src/models/process-v3.js';
import { createTheme } from '../../../src/render/theme.js';
import { renderWatchFrame } from '../../../src/render/watch.js';

test('the message counts what was shown, and the error exits 9 with the hint', () => {
  assert.equal(incompleteMessage(1, 'why'), 'listing incomplete: 1 process shown; why');
  assert.equal(incompleteMessage(10, 'why'), 'listing incomplete: 10 processes shown; why');
  const error = incompleteError('listing incomplete: 10 processes shown; why');
  assert.ok(error instanceof IncompleteError);
  assert.equal(error.exitCode, ExitCode.incomplete);
  assert.equal(ExitCode.incomplete, 9);
  assert.equal(error.hint, 'each --status and --region value pages on its own cursor: narrower filters may reach the rest');
});

test('a watch table shows why its listing is incomplete in the footer, sanitised', () => {
  const fixture = JSON.parse(readFileSync(new URL('../../fixtures/process-v3.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const view = toProcessView('v3', 'ProcessV3', ProcessV3Schema.parse(fixture));
  const frame = { title: 't', rows: [{ view, mark: '' as const, transition: undefined }], gone: [], error: undefined, now: new Date('2026-11-01T12:00:30.000Z'), intervalText: '2s' };
  const lines = renderWatchFrame({ ...frame, incomplete: 'listing incomplete: 1 process shown; the server\u001b[2J does not page' }, createTheme(false), undefined);
  assert.deepEqual(lines.slice(-3), ['1 process', 'listing incomplete: 1 process shown; the server\\x1b[2J does not page', 'Ctrl-C to quit']);
  assert.ok(!renderWatchFrame(frame, createTheme(false), undefined).some((line) => line.includes('incomplete')));
});
