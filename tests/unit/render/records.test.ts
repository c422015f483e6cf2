import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, renderCsv, renderTsv, tsvField } from '../../../src/render/delimited.js';
import {
  DEFAULT_OUTPUT_SETTINGS,
  fieldText,
  formatTableTime,
  headerOfField,
  projectFields,
  renderRecords,
  sortRows,
  type OutputSettings,
  type RecordResource,
} from '../../../src/render/records.js';

interface View { id: string }
const now = new Date('2026-11-01T12:00:00.000Z');
const pipe = { colour: false, stdoutIsTTY: false, stderrIsTTY: false, width: undefined, now };
const tty = { colour: false, stdoutIsTTY: true, stderrIsTTY: true, width: 200, now };
const resource: RecordResource<View> = {
  fields: ['id', 'name', 'at', 'bytes', 'port', 'n'],
  defaultFields: ['id', 'name'],
  idField: 'id',
  kinds: { at: 'time', bytes: 'bytes', port: 'port' },
  columns: () => [{ header: 'ID', value: (v) => v.id }],
};
const raws = [
  { id: 'a', name: 'x,"y"', at: '2026-11-01T11:56:00.000Z', bytes: 1536, port: { host: 'h', port: 7, transportType: 'udp' }, n: 2 },
  { id: 'b', name: 'tab\there\\', at: '2026-10-31T16:48:30Z', bytes: null, port: null, n: 10 },
  { id: 'c', name: '\u001b[31mred', at: null, n: 2 },
];
const rows = raws.map((raw) => ({ view: { id: raw.id }, raw }));
const settings = (over: Partial<OutputSettings>): OutputSettings => ({ ...DEFAULT_OUTPUT_SETTINGS, ...over });

test('CSV follows RFC 4180: quotes doubled, fields with commas quoted, CRLF, no control characters', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('line\nbreak'), 'line\\nbreak');
  assert.equal(renderCsv(['a', 'b'], [['1', '2,3']]), 'a,b\r\n1,"2,3"\r\n');
});

test('TSV escapes backslash, tab and newline so one record is one line', () => {
  assert.equal(tsvField('a\tb\nc\\d'), 'a\\tb\\nc\\\\d');
  assert.equal(renderTsv(null, [['x', 'y z']]), 'x\ty z\n');
});

test('times: absolute to the minute and relative on a terminal, RFC 3339 piped', () => {
  assert.equal(formatTableTime('2026-11-01T11:56:00.000Z', { relative: true, now }), '2026-11-01T11:56Z (4m ago)');
  assert.equal(formatTableTime('2026-10-31T16:48:30Z', { relative: false, now }), '2026-10-31T16:48:30.000Z');
  assert.equal(fieldText(1536, 'bytes', { relative: true, now }, false), '1.5 KiB');
  assert.equal(fieldText(1536, 'bytes', { relative: true, now }, true), '1536');
  assert.equal(fieldText({ a: 1 }, 'text', { relative: true, now }, true), '{"a":1}');
  assert.equal(headerOfField('roomsPerProcess'), 'ROOMS PER PROCESS');
});

test('sort: several keys, descending with -, missing values last, stable', () => {
  const byN = sortRows(rows, [{ field: 'n', descending: true }, { field: 'id', descending: false }], resource.kinds);
  assert.deepEqual(byN.map((r) => r.view.id), ['b', 'a', 'c']);
  const byAt = sortRows(rows, [{ field: 'at', descending: false }], resource.kinds);
  assert.deepEqual(byAt.map((r) => r.view.id), ['b', 'a', 'c']);
  const byAtDesc = sortRows(rows, [{ field: 'at', descending: true }], resource.kinds);
  assert.deepEqual(byAtDesc.map((r) => r.view.id), ['a', 'b', 'c']);
});

test('JSON with --fields projects the raw objects, values untouched', () => {
  assert.deepEqual(projectFields(raws[0], ['n', 'id', 'missing']), { n: 2, id: 'a' });
  const out = renderRecords(rows, resource, settings({ format: 'json', fields: ['id', 'bytes'] }), pipe);
  assert.deepEqual(JSON.parse(out.stdout), [{ id: 'a', bytes: 1536 }, { id: 'b', bytes: null }, { id: 'c' }]);
  const one = renderRecords(rows.slice(0, 1), resource, settings({ format: 'ndjson', fields: ['id'] }), pipe, true);
  assert.equal(one.stdout, '{"id":"a"}\n');
});

test('quiet prints bare ids, one per line, in sort order', () => {
  const out = renderRecords(rows, resource, settings({ quiet: true, sort: [{ field: 'id', descending: true }] }), tty);
  assert.equal(out.stdout, 'c\nb\na\n');
});

test('CSV and TSV: default fields, --fields, --no-headers, sanitised, no ANSI', () => {
  const csv = renderRecords(rows, resource, settings({ format: 'csv' }), tty);
  assert.equal(csv.stdout, 'id,name\r\na,"x,""y"""\r\nb,tab\\there\\\r\nc,\\x1b[31mred\r\n');
  const tsv = renderRecords(rows, resource, settings({ format: 'tsv', fields: ['id', 'name', 'at', 'bytes', 'port'], headers: false }), tty);
  assert.equal(
    tsv.stdout,
    'a\tx,"y"\t2026-11-01T11:56:00.000Z\t1536\th:7/udp\n' + 'b\ttab\\there\\\\\t2026-10-31T16:48:30.000Z\t\t\n' + 'c\t\\x1b[31mred\t\t\t\n',
  );
});

test('a table of --fields: headers from names, times absolute and relative on a terminal, IEC bytes', () => {
  const out = renderRecords(rows, resource, settings({ fields: ['id', 'at', 'bytes'] }), tty);
  assert.equal(
    out.stdout,
    'ID  AT                             BYTES\n' + 'a   2026-11-01T11:56Z (4m ago)   1.5 KiB\n' + 'b   2026-10-31T16:48Z (19h ago)        -\n' + 'c   -                                  -\n',
  );
  const piped = renderRecords(rows, resource, settings({ fields: ['id', 'at'], headers: false }), pipe);
  assert.equal(piped.stdout, 'a  2026-11-01T11:56:00.000Z\nb  2026-10-31T16:48:30.000Z\nc  -\n');
});
