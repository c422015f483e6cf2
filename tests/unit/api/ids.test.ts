import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodePathSegment, validateAppId, validatePathSegment, validateProcessId } from '../../../src/api/ids.js';
import { ExitCode, UsageError } from '../../../src/errors.js';

describe('ids', () => {
  it('accepts real app and process ids unchanged', () => {
    assert.equal(validateAppId('app-af469a92-5b45-4565-b3c4-b79878de67d2'), 'app-af469a92-5b45-4565-b3c4-b79878de67d2');
    assert.equal(validateProcessId('cbfcddd2-0006-43ae-996c-995fff7bed2e'), 'cbfcddd2-0006-43ae-996c-995fff7bed2e');
    assert.equal(validatePathSegment('deployment id', 'dep_1.2'), 'dep_1.2');
    assert.equal(validateAppId('a'.repeat(128)), 'a'.repeat(128));
  });

  const hostile: [string, string][] = [
    ['..', 'invalid process id ".."'],
    ['.', 'invalid process id "."'],
    ['', 'invalid process id ""'],
    ['a/b', 'invalid process id "a/b"'],
    ['%2e%2e', 'invalid process id "%2e%2e"'],
    ['a?x=1', 'invalid process id "a?x=1"'],
    ['a#b', 'invalid process id "a#b"'],
    ['a b', 'invalid process id "a b"'],
    ['-rf', 'invalid process id "-rf"'],
    ['\x1b[2J', 'invalid process id "\\u001b[2J"'],
    ['a\u202eb', 'invalid process id "a\u202eb"'],
    ['a'.repeat(129), `invalid process id "${'a'.repeat(77)}..."`],
    ['a'.repeat(300), `invalid process id "${'a'.repeat(77)}..."`],
  ];
  for (const [value, message] of hostile) {
    it(`refuses ${JSON.stringify(value.slice(0, 20))} with a UsageError (exit 2)`, () => {
      assert.throws(
        () => validateProcessId(value),
        (error: unknown) => {
          assert.ok(error instanceof UsageError);
          assert.equal(error.exitCode, ExitCode.usage);
          assert.equal(error.message, message);
          assert.equal(error.hint, "a process id is 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit");
          return true;
        },
      );
    });
  }

  it('names the kind of id in the message', () => {
    assert.throws(() => validateAppId('a/b'), { message: 'invalid app id "a/b"' });
  });

  it('encodes only validated segments', () => {
    assert.equal(encodePathSegment('app id', 'app-1'), 'app-1');
    assert.throws(() => encodePathSegment('app id', '..'), UsageError);
  });
});
