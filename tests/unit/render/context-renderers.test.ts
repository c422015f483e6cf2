// The renderers of the context around a process: fleets, deployments and the static allocation,
// piped (exact text), with server text sanitised and figures below zero shown as sent and marked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAllocation } from '../../../src/models/allocation.js';
import type { DeploymentV3 } from '../../../src/models/deployment.js';
import type { Fleet } from '../../../src/models/fleet.js';
import { renderAllocationSection } from '../../../src/render/allocation.js';
import { renderDeployments } from '../../../src/render/deployments.js';
import { fleetSection, renderFleets } from '../../../src/render/fleets.js';
import { createTheme } from '../../../src/render/theme.js';

const now = new Date('2026-11-01T00:00:00Z');
const piped = { format: 'table', colour: false, stdoutIsTTY: false, stderrIsTTY: true, width: undefined, now } as const;

const fleets: Fleet[] = [
  {
    nodeShape: 'cpu-4-8',
    autoscalerConfig: { scaleUpThreshold: -5 },
    name: 'zeta',
    orgId: 'org-1',
    fleetId: 'fleet-z',
    errorState: {
      Tokyo: { inError: false, lastErrorMessage: null, lastErrorLogId: null, lastErrorTimestamp: null },
      London: { inError: true, lastErrorMessage: 'boom \u001b[31mred\nsecond line', lastErrorLogId: 'log-1', lastErrorTimestamp: '2026-10-31T23:00:00Z' },
    },
  },
  { nodeShape: 'cpu-8-16', name: 'alpha', orgId: 'org-1', fleetId: 'fleet-a', errorState: {} },
];

test('fleets: by name, regions in error first, hostile text escaped on one line, a negative threshold marked', () => {
  const out = renderFleets(fleets, [], piped);
  assert.equal(
    out.stdout,
    [
      'FLEET  NODE SHAPE  SCALE UP  REGION  STATE       LAST ERROR                     WHEN',
      'alpha  cpu-8-16           -  -       no errors   -                              -',
      'zeta   cpu-4-8        -5% ⚠  London  ⚠ in error  boom \\x1b[31mred\\nsecond line  2026-10-31T23:00:00.000Z',
      'zeta   cpu-4-8        -5% ⚠  Tokyo   ok          -                              -',
      '',
    ].join('\n'),
  );
  assert.deepEqual(out.notes, ['note: in error: zeta in London; processes there may fail to start']);
  const section = fleetSection(fleets[0] as Fleet, 'London', { relative: false, now });
  assert.deepEqual(section.rows.slice(3), [
    { key: 'autoscaler', value: 'adds nodes above -5% ⚠ vCPU utilisation' },
    { key: 'in London', value: 'in error', note: 'last error: boom \u001b[31mred\nsecond line (2026-10-31T23:00:00.000Z)', warn: true },
  ]);
  assert.deepEqual(fleetSection(fleets[1] as Fleet, 'Tokyo', { relative: false, now }).rows.at(-1), { key: 'in Tokyo', value: 'no error reported' });
});

const deployment = (extra: Partial<DeploymentV3>): DeploymentV3 => ({
  idleTimeoutEnabled: true,
  env: [],
  roomsPerProcess: 4,
  additionalContainerPorts: [],
  defaultContainerPort: { transportType: 'udp', port: 4000, name: 'default' },
  createdAt: '2026-10-01T00:00:00Z',
  createdBy: 'ci-bot',
  requestedMemoryMB: 1536,
  requestedCPU: 0.25,
  deploymentId: 'dep-1',
  buildId: 'my-build-7',
  appId: 'app-1',
  ...extra,
});

test('deployments: as given (already newest first); wide adds build id, rooms, GPUs, fleet, idle timeout, creator; negatives marked', () => {
  const rows = [deployment({ deploymentTag: 'prod', buildTag: 'v2', requestedGPU: 1, fleetId: 'fleet-a' }), deployment({ deploymentId: 'dep-0', roomsPerProcess: -1, requestedCPU: -0.5, idleTimeoutEnabled: false })];
  assert.equal(
    renderDeployments(rows, [], piped).stdout,
    [
      'DEPLOYMENT ID  TAG   BUILD     CPU   MEMORY  CREATED',
      'dep-1          prod  v2       0.25  1.5 GiB  2026-10-01T00:00:00.000Z',
      'dep-0          -     -      -0.5 ⚠  1.5 GiB  2026-10-01T00:00:00.000Z',
      '',
    ].join('\n'),
  );
  const wide = renderDeployments(rows, [], { ...piped, format: 'wide' }).stdout.split('\n');
  assert.equal(wide[0], 'DEPLOYMENT ID  TAG   BUILD     CPU   MEMORY  CREATED                   BUILD ID    ROOMS  GPU  FLEET    IDLE TIMEOUT  CREATED BY');
  assert.equal(wide[2], 'dep-0          -     -      -0.5 ⚠  1.5 GiB  2026-10-01T00:00:00.000Z  my-build-7   -1 ⚠    -  -        off           ci-bot');
  assert.deepEqual(renderDeployments(rows, ['a', 'b'], { ...piped, format: 'ndjson' }).stdout, '"a"\n"b"\n');
});

test('static allocation: the differences in words, limits before the target; a negative setting marked', () => {
  const counts: Record<string, Record<string, number>> = { London: { running: 3, starting: 1 }, Tokyo: { running: 9 }, Dubai: { running: 0 }, Sydney: { running: 2 } };
  const checks = checkAllocation(
    [
      { region: 'London', minProcesses: 1, targetProcesses: 4, maxProcesses: 8 },
      { region: 'Tokyo', minProcesses: 0, targetProcesses: 2, maxProcesses: 6, autoscalingEnabled: true },
      { region: 'Dubai', minProcesses: 1, targetProcesses: 1, maxProcesses: 2 },
      { region: 'Sydney', minProcesses: 0, targetProcesses: -1, maxProcesses: 4 },
      { region: 'Sao_Paulo', minProcesses: 0, targetProcesses: 0, maxProcesses: 0 },
    ],
    (region) => counts[region],
  );
  assert.deepEqual(checks.map((c) => [c.verdict, c.difference]), [
    ['below target', 'London: 3 running, target 4'],
    ['above max', 'Tokyo: 9 running, max 6'],
    ['below min', 'Dubai: 0 running, min 1'],
    ['above target', 'Sydney: 2 running, target -1'],
    ['at target', null],
  ]);
  assert.equal(checks[0]?.live, 4);
  assert.equal(
    renderAllocationSection(checks, createTheme(false)).join('\n'),
    [
      'Running processes against the static allocation (min, target, max)',
      'REGION     RUNNING  LIVE  MIN  TARGET  MAX  AUTOSCALED  NOTE',
      'London           3     4    1       4    8  no          ⚠ below target',
      'Tokyo            9     9    0       2    6  yes         ⚠ above max',
      'Dubai            0     0    1       1    2  no          ⚠ below min',
      'Sydney           2     2    0    -1 ⚠    4  no          ⚠ above target',
      'Sao_Paulo        0     0    0       0    0  no          at target',
      '⚠ London: 3 running, target 4',
      '⚠ Tokyo: 9 running, max 6',
      '⚠ Dubai: 0 running, min 1',
      '⚠ Sydney: 2 running, target -1',
      '',
    ].join('\n'),
  );
  assert.deepEqual(renderAllocationSection(null, createTheme(false)), ['Running processes against the static allocation (min, target, max)', 'none: the app has no service config\n']);
  assert.deepEqual(renderAllocationSection(undefined, createTheme(false)), []);
});
