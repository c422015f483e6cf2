// hproc explain in-process: the models, a model's fields, every deprecated field with its
// replacement, unknown names (exit 2), and no zod or network on its path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEPRECATIONS, deprecatedFieldsOf } from '../../../src/models/deprecations.js';
import { FIELD_DOCS } from '../../../src/models/field-docs.js';
import { runInProcess } from '../../helpers/cli.js';

// No token and no endpoint: explain must need neither.
const env = {};

test('hproc explain: the models with their API generation and field counts', async () => {
  const r = await runInProcess(['explain'], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(
    r.stdout,
    [
      'MODEL                         API       FIELDS  DEPRECATED  DESCRIPTION',
      'Process                       v1            22           7  A process as the deprecated v1 API returns it (info, stopped list): the richest record, with seven deprecated fields.',
      'ProcessWithRooms              v1            24           7  A v1 Process plus its rooms, as the deprecated v1 running list returns it.',
      'ProcessV2                     v2            13           0  A process as the deprecated v2 API returns it: v1 without usage fields, with a status.',
      'ProcessV3                     v3            18           0  A process as the current v3 API returns it: lifecycle steps, fleet, hosting and exit reason.',
      'ExposedPort                   v1 v2 v3       4           0  A public endpoint of a process (exposedPort and each of additionalExposedPorts).',
      'RoomWithoutAllocations        v1 v2 v3       5           0  A room of a process, as the rooms endpoints (and the v1 running list) return it.',
      'RoomAllocation                v1 v2 v3       4           0  Where a room is placed: its process and when it got there and left.',
      'MetricValue                   v1 v3          2           0  One metric sample: a value at a time.',
      'ProcessMetricsData            v3             7           0  The current (v3) metrics of a process: one series per metric asked for.',
      'DeprecatedProcessMetricsData  v1             5           0  The metrics of a process through the deprecated v1 endpoint, snake_case on the wire.',
      'DeploymentV3                  v3            17           0  A v3 deployment: what each of its processes requests (CPU, memory, rooms) and its idle timeout.',
      'ContainerPort                 v3             3           0  A port a game server listens on inside its container.',
      '',
      'hproc explain <Model> lists its fields; hproc explain <Model>.<field> explains one.',
      '',
    ].join('\n'),
  );
});

test('hproc explain Process: every field in wire order, deprecated ones marked, then what replaces them', async () => {
  const r = await runInProcess(['explain', 'Process'], { env });
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], 'Process: A process as the deprecated v1 API returns it (info, stopped list): the richest record, with seven deprecated fields.');
  assert.match(lines[2] ?? '', /^FIELD +TYPE +NULLABLE +REQUIRED +API +DEPRECATED$/);
  const rows = lines.slice(3, 3 + Object.keys(FIELD_DOCS.Process).length);
  assert.deepEqual(rows.map((row) => row.split(/ +/)[0]), Object.keys(FIELD_DOCS.Process));
  assert.equal(rows.find((row) => row.startsWith('idleSince ')), 'idleSince                    timestamp      yes       yes       v1        ⚠ yes');
  assert.equal(rows.find((row) => row.startsWith('draining ')), 'draining                     boolean        no        yes       v1        superseded');
  assert.equal(rows.find((row) => row.startsWith('processId ')), 'processId                    string         no        yes       v1 v2 v3  no');
  assert.deepEqual(rows.filter((row) => row.endsWith('⚠ yes')).map((row) => row.split(' ')[0]), ['idleSince', 'activeConnectionsUpdatedAt', 'activeConnections', 'roomSlotsAvailableUpdatedAt', 'roomSlotsAvailable', 'port', 'host']);
  assert.equal(
    lines.slice(3 + rows.length).join('\n'),
    [
      '',
      "Deprecated fields: hproc's suggestions (the API names no replacements)",
      '  idleSince                    none known',
      '  activeConnectionsUpdatedAt   timestamp of the latest activeConnections metric sample',
      '  activeConnections            activeConnections metric (v3 metrics)',
      '  roomSlotsAvailableUpdatedAt  roomsAllocatedUpdatedAt',
      '  roomSlotsAvailable           roomsPerProcess − roomsAllocated',
      '  port                         exposedPort.port',
      '  host                         exposedPort.host',
      '',
      "Superseded, not deprecated: hproc's suggestions",
      '  egressedBytes  totalEgress / rateEgress metrics (v3 metrics)',
      '  draining       status == "draining" (v2/v3)',
      '  startingAt     createdAt (v2/v3)',
      '  deploymentId   deploymentId of ProcessV3 (string)',
      '',
      'hproc explain Process.<field> explains one field.',
      '',
    ].join('\n'),
  );
});

test('hproc explain Process.activeConnections: the whole story of one deprecated field', async () => {
  const r = await runInProcess(['explain', 'Process.activeConnections'], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    [
      'Process.activeConnections',
      '  model        Process',
      '  type         int',
      '  nullable     no',
      '  required     yes: the key is always sent',
      '  generations  v1',
      '  meaning      Number of active connections to the process (it counts connections, not players).',
      '  operation    ⚠ flagged deprecated by the API: the v1 process operations; hproc suggests the v3 process operations (the default --api v3)',
      '  deprecated   ⚠ yes, flagged deprecated by the API',
      "  suggested    activeConnections metric (v3 metrics) (hproc's suggestion: the API names no replacement)",
      '  note         Take the most recent sample of the v3 activeConnections metric; the v1 series active_connections is no alternative: the v1 metrics operation is deprecated, though the series carries no flag of its own.',
      '',
    ].join('\n'),
  );
});

for (const model of ['Process', 'ProcessWithRooms'] as const) {
  for (const field of deprecatedFieldsOf(model)) {
    test(`explain ${model}.${field}: deprecated, with what to use instead`, async () => {
      const entry = DEPRECATIONS[model][field as keyof (typeof DEPRECATIONS)[typeof model]] as { replacement: string | null; note: string };
      const doc = FIELD_DOCS[model][field];
      const r = await runInProcess(['explain', `${model}.${field}`], { env });
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.split('\n');
      assert.equal(lines[0], `${model}.${field}`);
      assert.equal(lines[2], `  type         ${doc?.type ?? ''}`);
      assert.equal(lines[7], '  operation    ⚠ flagged deprecated by the API: the v1 process operations; hproc suggests the v3 process operations (the default --api v3)');
      assert.equal(lines[8], '  deprecated   ⚠ yes, flagged deprecated by the API');
      assert.equal(lines[9], `  suggested    ${entry.replacement ?? 'none known'} (hproc's suggestion: the API names no replacement)`);
      assert.equal(lines[10], `  note         ${entry.note}`);
    });
  }
}

test('a superseded field says so, a plain field says it is not deprecated, nested paths follow the type', async () => {
  const superseded = await runInProcess(['explain', 'Process.egressedBytes'], { env });
  assert.match(superseded.stdout, /\n {2}deprecated {3}no, but superseded\n {2}suggested {4}totalEgress \/ rateEgress metrics \(v3 metrics\) \(hproc's suggestion: the API names no replacement\)\n/);
  // The v1 metrics operation is flagged, its series are not: each is superseded, with the operation's flag beside it.
  const series = await runInProcess(['explain', 'DeprecatedProcessMetricsData.active_connections'], { env });
  assert.equal(
    series.stdout.split('\n').slice(6, 10).join('\n'),
    [
      '  meaning      Active connections to the process, per sample (snake_case on the wire).',
      '  operation    ⚠ flagged deprecated by the API: the v1 metrics operation; hproc suggests the v3 metrics operation (the default of hproc metrics)',
      '  deprecated   no, but superseded',
      "  suggested    activeConnections of the v3 metrics (ProcessMetricsData) (hproc's suggestion: the API names no replacement)",
    ].join('\n'),
  );
  const plain = await runInProcess(['explain', 'ProcessV3.bootedAt'], { env });
  assert.match(plain.stdout, /\n {2}nullable {5}yes: the API may send null\n/);
  assert.match(plain.stdout, /\n {2}deprecated {3}no\n$/);
  const nested = await runInProcess(['explain', 'ProcessV3.exposedPort.host'], { env });
  assert.equal(nested.code, 0, nested.stderr);
  assert.match(nested.stdout, /^ProcessV3\.exposedPort\.host\n {2}model {8}ExposedPort\n {2}type {9}string\n/);
  const throughArray = await runInProcess(['explain', 'DeprecatedProcessMetricsData.cpu.timestamp'], { env });
  assert.match(throughArray.stdout, /^DeprecatedProcessMetricsData\.cpu\.timestamp\n {2}model {8}MetricValue\n {2}type {9}number\n/);
  const room = await runInProcess(['explain', 'RoomWithoutAllocations.roomConfig'], { env });
  assert.match(room.stdout, /\n {2}nullable {5}yes: the API may send null\n {2}required {5}no: the key may be absent\n/);
  const folded = await runInProcess(['explain', 'process.activeconnections'], { env });
  assert.match(folded.stdout, /^Process\.activeConnections\n/, 'case is forgiven when only one name matches');
});

test('unknown model or field: exit 2 with the valid names', async () => {
  assert.deepEqual(await runInProcess(['explain', 'Room'], { env }), {
    code: 2,
    stdout: '',
    stderr: "hproc: unknown model 'Room'\nhint: valid names: Process, ProcessWithRooms, ProcessV2, ProcessV3, ExposedPort, RoomWithoutAllocations, RoomAllocation, MetricValue, ProcessMetricsData, DeprecatedProcessMetricsData, DeploymentV3, ContainerPort\n",
  });
  const field = await runInProcess(['explain', 'ProcessV3.activeConnections'], { env });
  assert.equal(field.code, 2);
  assert.equal(field.stdout, '');
  assert.equal(field.stderr, `hproc: ProcessV3 has no field 'activeConnections'\nhint: valid names: ${Object.keys(FIELD_DOCS.ProcessV3).join(', ')}\n`);
  const nearModel = await runInProcess(['explain', 'Proces'], { env });
  assert.match(nearModel.stderr, /^hproc: unknown model 'Proces'\nhint: did you mean Process\? valid names: Process, /);
  const nearField = await runInProcess(['explain', 'ProcessV3.exposedPrt'], { env });
  assert.equal(nearField.stderr, `hproc: ProcessV3 has no field 'exposedPrt'\nhint: did you mean exposedPort? valid names: ${Object.keys(FIELD_DOCS.ProcessV3).join(', ')}\n`);
  const scalar = await runInProcess(['explain', 'Process.host.name'], { env });
  assert.deepEqual(scalar, { code: 2, stdout: '', stderr: 'hproc: Process.host is a string, which has no fields\n' });
  const malformed = await runInProcess(['explain', 'Process..host'], { env });
  assert.equal(malformed.code, 2);
  assert.match(malformed.stderr, /^hproc: 'Process\.\.host' is not a Model or Model\.field path\n/);
});

test('on a terminal: colour (--no-color turns it off), and one field wrapped to the width', async () => {
  const wrapped = await runInProcess(['explain', 'Process.idleSince', '--no-color'], { env, tty: true, columns: 60 });
  const widths = wrapped.stdout.split('\n').map((line) => [...line].length);
  assert.ok(Math.max(...widths) <= 60, `widest line: ${Math.max(...widths)}`);
  assert.match(wrapped.stdout, /\n {2}note +No replacement: a process with no rooms\n/);
  const tty = await runInProcess(['explain', 'Process'], { env, tty: true });
  assert.match(tty.stdout, /\nhost +string +no +yes +v1 +\u001b\[33m⚠ yes\u001b\[39m\n/);
  const off = await runInProcess(['explain', 'Process', '--no-color'], { env, tty: true });
  assert.doesNotMatch(off.stdout, /\u001b\[/);
});

// The modules explain loads, static and dynamic, read from the source: none may reach zod or undici.
test('explain loads neither zod nor undici', () => {
  const seen = new Set<string>();
  const visit = (url: URL): void => {
    if (seen.has(url.href)) return;
    seen.add(url.href);
    const source = readFileSync(url, 'utf8');
    for (const match of source.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
      const specifier = (match[1] ?? match[2]) as string;
      assert.ok(!['zod', 'undici'].includes(specifier), `${url.pathname} imports ${specifier}`);
      if (specifier.startsWith('.')) visit(new URL(specifier.replace(/\.js$/, '.ts'), url));
    }
  };
  visit(new URL('../../../src/commands/explain.ts', import.meta.url));
  assert.ok([...seen].some((href) => href.endsWith('/src/models/field-docs.ts')), 'the walk reaches the field docs');
  assert.ok([...seen].some((href) => href.endsWith('/src/render/explain.ts')));
});
