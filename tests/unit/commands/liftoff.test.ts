// The Liftoff workaround is for Node 20's exit stall only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wasmTierUpStallsExit } from '../../../src/commands/liftoff.js';

test('only Node 20 stalls at exit on the WebAssembly tier-up, so only Node 20 gets the flags', () => {
  for (const version of ['20.18.1', '20.20.2']) assert.equal(wasmTierUpStallsExit(version), true, version);
  for (const version of ['22.0.0', '22.12.0', '24.1.0', '200.0.0', '2.0.0']) assert.equal(wasmTierUpStallsExit(version), false, version);
});
