import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { z as z3 } from 'zod/v3';
import { TIMESTAMP_PATTERN, isTimestamp } from '../../../src/models/timestamp.js';
import { ProcessV3Schema } from '../../../src/models/process-v3.js';
import { objectFixture } from './fixtures.js';

// hathora-api.md §1.6, row by row: what the official SDK's validator accepts.
const TABLE: ReadonlyArray<readonly [string, boolean]> = [
  ['2024-01-01T00:00:00Z', true],
  ['2024-01-01T00:00:00.123456789Z', true],
  ['2024-01-01T00:00Z', true],
  ['2024-01-01T00:00:00+05:30', true],
  ['2024-01-01T00:00:00+0530', true],
  ['2024-01-01T00:00:00+05', false],
  ['2024-01-01T00:00:00', false],
  ['2024-01-01T00:00:00z', false],
  ['2024-01-01 00:00:00Z', false],
  ['2024-01-01', false],
];

for (const [input, accepted] of TABLE) {
  test(`timestamp ${input} is ${accepted ? 'accepted' : 'rejected'} (§1.6)`, () => {
    assert.equal(isTimestamp(input), accepted);
    const process = { ...objectFixture('process-v3.json'), createdAt: input };
    assert.equal(ProcessV3Schema.safeParse(process).success, accepted);
  });
}

test('more timestamp edges: fraction lengths, negative offsets, calendar checks', () => {
  const accepted = [
    '2024-01-01T00:00:00.1Z',
    '2024-01-01T00:00:00.123Z',
    '2024-01-01T23:59:59.999999999999Z',
    '2024-01-01T00:00:00-08:00',
    '2024-01-01T00:00-0800',
    '2024-02-29T12:00:00Z',
    '2000-02-29T12:00:00Z',
  ];
  const rejected = [
    '2023-02-29T12:00:00Z',
    '1900-02-29T12:00:00Z',
    '2024-04-31T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T00:60:00Z',
    '2024-01-01T00:00:60Z',
    '2024-01-01T00:00:00.Z',
    '2024-01-01t00:00:00Z',
    ' 2024-01-01T00:00:00Z',
    '2024-01-01T00:00:00Z\n',
    '2024-01-01T00:00:00ZZ',
    '+002024-01-01T00:00:00Z',
    '',
  ];
  for (const input of accepted) assert.equal(isTimestamp(input), true, input);
  for (const input of rejected) assert.equal(isTimestamp(input), false, JSON.stringify(input));
  assert.equal(isTimestamp(1704067200), false);
  assert.equal(isTimestamp(null), false);
});

test('the timestamp pattern agrees with the zod 3 validator the official SDK uses', () => {
  const sdk = z3.string().datetime({ offset: true });
  const digits = (n: number) => fc.array(fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '9'), { minLength: n, maxLength: n }).map((d) => d.join(''));
  const candidate = fc
    .tuple(
      digits(4),
      fc.constantFrom('01', '02', '04', '12', '13', '00'),
      fc.constantFrom('01', '28', '29', '30', '31', '32'),
      fc.constantFrom('T', 't', ' '),
      fc.constantFrom('00', '09', '23', '24'),
      fc.constantFrom(':00', ':59', ':60', '00', ''),
      fc.constantFrom('', ':00', ':59', ':60', ':00.5', ':00.123456789', '.5', ':00.'),
      fc.constantFrom('Z', 'z', '', '+05:30', '+0530', '+05', '-23:59', '+99:99', '+5:30', 'Z+01:00'),
    )
    .map((parts) => `${parts[0]}-${parts[1]}-${parts[2]}${parts[3]}${parts[4]}${parts[5]}${parts[6]}${parts[7]}`);
  fc.assert(
    fc.property(fc.oneof(candidate, fc.string()), (input) => {
      assert.equal(TIMESTAMP_PATTERN.test(input), sdk.safeParse(input).success, input);
    }),
    { numRuns: 3000 },
  );
});
