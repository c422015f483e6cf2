import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideColour } from '../../../src/io/colour.js';

test('colour follows the terminal unless told otherwise', () => {
  assert.equal(decideColour({ noColorFlag: false, env: {}, isTTY: true }), true);
  assert.equal(decideColour({ noColorFlag: false, env: {}, isTTY: false }), false);
  assert.equal(decideColour({ noColorFlag: true, env: { FORCE_COLOR: '1' }, isTTY: true }), false);
  assert.equal(decideColour({ noColorFlag: false, env: { NO_COLOR: '1', FORCE_COLOR: '1' }, isTTY: true }), false);
  assert.equal(decideColour({ noColorFlag: false, env: { NO_COLOR: '' }, isTTY: true }), true);
  assert.equal(decideColour({ noColorFlag: false, env: { FORCE_COLOR: '1' }, isTTY: false }), true);
  assert.equal(decideColour({ noColorFlag: false, env: { FORCE_COLOR: '0' }, isTTY: true }), false);
  assert.equal(decideColour({ noColorFlag: false, env: { TERM: 'dumb' }, isTTY: true }), false);
  assert.equal(decideColour({ noColorFlag: false, env: { TERM: 'dumb', FORCE_COLOR: '1' }, isTTY: true }), true);
});
