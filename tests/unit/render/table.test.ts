import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTable, type Column } from '../../../src/render/table.js';
import { createTheme } from '../../../src/render/theme.js';
import { displayWidth } from '../../../src/render/width.js';

interface Row { id: string; status: string; note: string }
const columns: Column<Row>[] = [
  { header: 'ID', value: (r) => r.id },
  { header: 'STATUS', value: (r) => r.status, style: (t, r, theme) => theme.status(r.status, t) },
  { header: 'NOTE', value: (r) => r.note, shorten: true },
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

test('on a narrow terminal free text is cut with an ellipsis, other columns never', () => {
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

interface Proc { id: string; region: string; address: string; created: string; age: string; reason: string }
const procColumns: Column<Proc>[] = [
  { header: 'ID', value: (p) => p.id },
  { header: 'REGION', value: (p) => p.region, priority: 1 },
  { header: 'ADDRESS', value: (p) => p.address, priority: 2 },
  { header: 'CREATED', value: (p) => p.created, priority: 3 },
  { header: 'AGE', value: (p) => p.age, priority: 4 },
];
const proc: Proc = {
  id: '7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15',
  region: 'Washington_DC',
  address: '5.proxy.hathora.dev:38614/tcp',
  created: '2026-10-31T23:59Z',
  age: '28d ago',
  reason: 'the game server exited with code 137 after running out of memory',
};
const plain = (cols: readonly Column<Proc>[], width: number | undefined): string =>
  renderTable(cols, [proc], { theme: createTheme(false), width, headers: true });

test('the least important columns are dropped whole, and come back where they fit', () => {
  // 36 + 13 + 29 + 17 + 7 and four gaps: 110.
  assert.equal(plain(procColumns, 110), plain(procColumns, undefined));
  // AGE goes, then CREATED; then AGE, narrower, fits again.
  assert.equal(
    plain(procColumns, 100),
    'ID                                    REGION         ADDRESS                        AGE\n' +
      '7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15  Washington_DC  5.proxy.hathora.dev:38614/tcp  28d ago\n',
  );
  assert.equal(
    plain(procColumns, 101),
    'ID                                    REGION         ADDRESS                        CREATED\n' +
      '7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15  Washington_DC  5.proxy.hathora.dev:38614/tcp  2026-10-31T23:59Z\n',
  );
  // AGE, CREATED and ADDRESS go, in that order; then AGE, the least important, fits again.
  assert.equal(
    plain(procColumns, 60),
    'ID                                    REGION         AGE\n7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15  Washington_DC  28d ago\n',
  );
  // Priority 0 is never dropped, and an id is never cut, even where it does not fit.
  assert.equal(plain(procColumns, 20), 'ID\n7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15\n');
});

test('free text is shortened only once the columns less important than it are gone, and dropped below its minimum', () => {
  const withReason: Column<Proc>[] = [...procColumns.slice(0, 2), { header: 'REASON', value: (p) => p.reason, priority: 2, shorten: true, minWidth: 12 }, ...procColumns.slice(2)];
  assert.equal(
    plain(withReason, 80),
    'ID                                    REGION         REASON\n7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15  Washington_DC  the game server exited wit…\n',
  );
  // 36 + 2 + 13 + 2 leaves 9 for the reason: less than its minimum, so it goes and AGE fits instead.
  assert.equal(
    plain(withReason, 62),
    'ID                                    REGION         AGE\n7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15  Washington_DC  28d ago\n',
  );
});

test('maxWidth caps free text on a terminal only; reserve keeps room for text yet to come', () => {
  const capped: Column<Proc>[] = [{ header: 'ID', value: (p) => p.id }, { header: 'REASON', value: (p) => p.reason, shorten: true, maxWidth: 20 }];
  assert.equal(plain(capped, 200), 'ID                                    REASON\n7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15  the game server exi…\n');
  assert.equal(plain(capped, undefined), `ID                                    REASON\n${proc.id}  ${proc.reason}\n`);
  const reserved: Column<Proc>[] = [
    { header: 'ID', value: (p) => p.id },
    { header: 'REGION', value: (p) => p.region, priority: 1 },
    { header: 'CHANGE', value: () => '', priority: 0, reserve: 26 },
  ];
  // An empty CHANGE column still holds its 26 cells: REGION goes at 70 as it will once changes come.
  assert.equal(plain(reserved, 70), 'ID                                    CHANGE\n7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15  -\n');
});
