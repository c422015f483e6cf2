import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTable, type Column } from '../../../src/render/table.js';
import { createTheme } from '../../../src/render/theme.js';
import { displayWidth } from '../../../src/render/width.js';

interface Row { id: string; status: string; note: string }
const columns: Column<Row>[] = [
  { header: 'ID', value: (r) => r.id },
  { header: 'STATUS', value: (r) => r.status, style: (t, r, theme) => theme.status(r.status, t) },
  { header: 'NOTE', value: (r) => r.note, shrinkable: true },
];
const rows: Row[] = [
  { id: 'a1', status: 'running', note: 'fine' },
  { id: 'b22', status: 'hibernating', note: '' },
];

test('piped: aligned columns, no ANSI, empty cells shown as -', () => {
  const out = renderTable(columns, rows, { theme: createTheme(false), width: undefined, headers: true });
  assert.equal(out, 'ID   STATUS       NOTE\na1   running      fine\nb22  hibernating  -\n');
});

test('colour is applied after layout; unknown statuses stay uncoloured', () => {
  const out = renderTable(columns, rows, { theme: createTheme(true), width: undefined, headers: true });
  assert.equal(
    out,
    '\u001b[1mID\u001b[22m   \u001b[1mSTATUS\u001b[22m       \u001b[1mNOTE\u001b[22m\n' +
      'a1   \u001b[32mrunning\u001b[39m      fine\n' +
      'b22  hibernating  -\n',
  );
});

test('hostile cells stay on one row and keep the columns aligned', () => {
  const hostile: Row[] = [{ id: 'x\n\u001b[2Jy', status: 'running', note: 'ok\rEVIL' }];
  const out = renderTable(columns, hostile, { theme: createTheme(false), width: undefined, headers: false });
  assert.equal(out, 'x\\n\\x1b[2Jy  running  ok\\rEVIL\n');
});

test('on a narrow terminal shrinkable columns are cut with an ellipsis', () => {
  const long: Row[] = [{ id: 'a1', status: 'running', note: 'a very long note that does not fit' }];
  const out = renderTable(columns, long, { theme: createTheme(false), width: 30, headers: true });
  for (const line of out.trimEnd().split('\n')) assert.ok(displayWidth(line) <= 30, line);
  assert.equal(out, 'ID  STATUS   NOTE\na1  running  a very long note…\n');
});

test('wide characters are measured as two cells', () => {
  const cjk: Row[] = [{ id: '日本', status: 'running', note: 'x' }, { id: 'ab', status: 'running', note: 'y' }];
  const out = renderTable(columns, cjk, { theme: createTheme(false), width: undefined, headers: false });
  assert.equal(out, '日本  running  x\nab    running  y\n');
});

test('on a narrow terminal a compact form is used before anything is cut', () => {
  const timed: Column<Row>[] = [
    { header: 'ID', value: (r) => r.id },
    { header: 'NOTE', value: (r) => r.note, shrinkable: true },
    { header: 'WHEN', value: () => '2026-10-31T23:59Z (28d ago)', compact: () => '28d ago' },
  ];
  const one: Row[] = [{ id: 'a1', status: 'running', note: '5.proxy.hathora.dev:38614/tcp' }];
  const wide = renderTable(timed, one, { theme: createTheme(false), width: 80, headers: true });
  assert.equal(wide, 'ID  NOTE                           WHEN\na1  5.proxy.hathora.dev:38614/tcp  2026-10-31T23:59Z (28d ago)\n');
  const narrow = renderTable(timed, one, { theme: createTheme(false), width: 50, headers: true });
  assert.equal(narrow, 'ID  NOTE                           WHEN\na1  5.proxy.hathora.dev:38614/tcp  28d ago\n');
  const piped = renderTable(timed, one, { theme: createTheme(false), width: undefined, headers: true });
  assert.equal(piped, wide);
});
