import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackHost, resolveEndpoint, resolveToken } from '../../../src/api/endpoint.js';
import { AuthError, ExitCode, UsageError } from '../../../src/errors.js';

describe('resolveEndpoint', () => {
  it('defaults to the production API', () => {
    assert.equal(resolveEndpoint().href, 'https://api.hathora.dev/');
    assert.equal(resolveEndpoint(undefined, '').href, 'https://api.hathora.dev/');
  });

  it('prefers the flag over the environment', () => {
    assert.equal(resolveEndpoint('https://flag.example', 'https://env.example').host, 'flag.example');
    assert.equal(resolveEndpoint(undefined, 'https://env.example').host, 'env.example');
  });

  it('keeps a path prefix and strips trailing slashes', () => {
    assert.equal(resolveEndpoint('http://127.0.0.1:8080/mock').href, 'http://127.0.0.1:8080/mock');
    assert.equal(resolveEndpoint('http://127.0.0.1:8080/mock///').href, 'http://127.0.0.1:8080/mock');
    assert.equal(resolveEndpoint('https://api.example/a/b/').pathname, '/a/b');
  });

  it('allows plain http only for loopback hosts', () => {
    assert.equal(resolveEndpoint('http://localhost:9000').host, 'localhost:9000');
    assert.equal(resolveEndpoint('http://127.0.0.5').host, '127.0.0.5');
    assert.equal(resolveEndpoint('http://[::1]:9000').host, '[::1]:9000');
    for (const value of ['http://api.hathora.dev', 'http://10.0.0.1', 'http://127.example.com', 'http://[::2]']) {
      assert.throws(() => resolveEndpoint(value), (error: unknown) => {
        assert.ok(error instanceof UsageError);
        assert.equal(error.exitCode, ExitCode.usage);
        assert.match(error.message, /^refusing to send the token over plain http to /);
        return true;
      });
    }
    assert.throws(() => resolveEndpoint('http://evil.example'), {
      message: 'refusing to send the token over plain http to evil.example',
    });
  });

  it('refuses other schemes, invalid URLs, credentials and queries', () => {
    assert.throws(() => resolveEndpoint('ftp://api.example'), { name: 'UsageError', message: 'unsupported API endpoint scheme "ftp"' });
    assert.throws(() => resolveEndpoint('file:///etc/passwd'), { name: 'UsageError', message: 'unsupported API endpoint scheme "file"' });
    assert.throws(() => resolveEndpoint('api.hathora.dev'), { name: 'UsageError', message: 'invalid API endpoint "api.hathora.dev"' });
    assert.throws(() => resolveEndpoint('https://user:hunter2@api.example'), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.equal(error.message, 'the API endpoint must not contain a user name or password');
      assert.ok(!error.message.includes('hunter2'));
      return true;
    });
    assert.throws(() => resolveEndpoint('https://api.example/?a=1'), { message: 'the API endpoint must not contain a query or fragment' });
  });

  it('recognises loopback hosts', () => {
    assert.equal(isLoopbackHost('127.0.0.1'), true);
    assert.equal(isLoopbackHost('LOCALHOST'), true);
    assert.equal(isLoopbackHost('[::1]'), true);
    assert.equal(isLoopbackHost('128.0.0.1'), false);
    assert.equal(isLoopbackHost('localhost.example'), false);
  });
});

describe('resolveToken', () => {
  const token = 'hathora_org_st_S3cretValue_42';

  it('prefers the flag, then the environment, then a stored token', () => {
    assert.equal(resolveToken('flag-token', 'env-token', 'file-token'), 'flag-token');
    assert.equal(resolveToken(undefined, 'env-token', 'file-token'), 'env-token');
    assert.equal(resolveToken(undefined, '', 'file-token'), 'file-token');
  });

  it('trims exactly one trailing line break', () => {
    assert.equal(resolveToken(`${token}\n`), token);
    assert.equal(resolveToken(`${token}\r\n`), token);
    assertInvalid(`${token}\n\n`);
  });

  it('accepts a token that already carries its scheme', () => {
    assert.equal(resolveToken(`Bearer ${token}`), `Bearer ${token}`);
  });

  it('refuses a missing or empty token with the hint', () => {
    for (const args of [[], [undefined, undefined, undefined], ['', ''], ['\n']] as (string | undefined)[][]) {
      assert.throws(() => resolveToken(...args), (error: unknown) => {
        assert.ok(error instanceof AuthError);
        assert.equal(error.exitCode, ExitCode.auth);
        assert.equal(error.message, 'no Hathora token');
        assert.equal(error.hint, 'set HATHORA_TOKEN or pass --token');
        return true;
      });
    }
  });

  function assertInvalid(value: string): void {
    assert.throws(() => resolveToken(value), (error: unknown) => {
      assert.ok(error instanceof AuthError);
      assert.equal(error.exitCode, ExitCode.auth);
      assert.equal(error.message, 'token contains invalid characters');
      assert.ok(!`${error.message} ${error.hint}`.includes('S3cret'));
      return true;
    });
  }

  it('refuses control characters and whitespace inside without echoing the token', () => {
    for (const bad of ['\0', '\n', '\r', ' ', '\t', '\x7f', '\x1b', '\u00a0', '\u2028', 'é']) {
      assertInvalid(`hathora_org_st_S3cret${bad}Value`);
    }
    assertInvalid(` ${token}`);
    assertInvalid('Bearer ');
    assertInvalid(`Bearer  ${token}`);
  });
});
