import { test } from 'node:test';
import assert from 'node:assert/strict';
import { colourLevel, decideColour } from '../../../src/io/colour.js';

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

test('CLICOLOR=0 turns colour off and CLICOLOR_FORCE turns it on, below NO_COLOR and FORCE_COLOR', () => {
  assert.equal(decideColour({ noColorFlag: false, env: { CLICOLOR: '0' }, isTTY: true }), false);
  assert.equal(decideColour({ noColorFlag: false, env: { CLICOLOR: '1' }, isTTY: false }), false);
  assert.equal(decideColour({ noColorFlag: false, env: { CLICOLOR_FORCE: '1' }, isTTY: false }), true);
  assert.equal(decideColour({ noColorFlag: false, env: { CLICOLOR_FORCE: '1', NO_COLOR: '1' }, isTTY: false }), false);
  assert.equal(decideColour({ noColorFlag: false, env: { CLICOLOR_FORCE: '1', FORCE_COLOR: '0' }, isTTY: true }), false);
});

test('the colour level follows what the terminal announces', () => {
  assert.equal(colourLevel({ noColorFlag: false, env: {}, isTTY: false }), 0);
  assert.equal(colourLevel({ noColorFlag: false, env: { TERM: 'xterm' }, isTTY: true }), 1);
  assert.equal(colourLevel({ noColorFlag: false, env: { TERM: 'xterm-256color' }, isTTY: true }), 2);
  assert.equal(colourLevel({ noColorFlag: false, env: { TERM: 'xterm-256color', COLORTERM: 'truecolor' }, isTTY: true }), 3);
  assert.equal(colourLevel({ noColorFlag: true, env: { COLORTERM: 'truecolor' }, isTTY: true }), 0);
});

test("the profile's color decides only when neither the flag nor the environment does", () => {
  const never = () => 'never';
  const always = () => 'always';
  assert.equal(decideColour({ noColorFlag: false, env: {}, isTTY: true, profile: never }), false);
  assert.equal(decideColour({ noColorFlag: false, env: {}, isTTY: false, profile: always }), true);
  assert.equal(decideColour({ noColorFlag: false, env: {}, isTTY: true, profile: () => 'auto' }), true);
  assert.equal(decideColour({ noColorFlag: false, env: { FORCE_COLOR: '1' }, isTTY: false, profile: never }), true);
  assert.equal(decideColour({ noColorFlag: false, env: { NO_COLOR: '1' }, isTTY: true, profile: always }), false);
  assert.equal(decideColour({ noColorFlag: true, env: {}, isTTY: true, profile: always }), false);
  let asked = 0;
  decideColour({ noColorFlag: false, env: { NO_COLOR: '1' }, isTTY: true, profile: () => String((asked += 1)) });
  assert.equal(asked, 0, 'the profile is not read when the environment decides');
});
