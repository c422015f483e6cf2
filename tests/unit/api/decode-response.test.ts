import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeResponse, SCHEMA_MISMATCH_HINT } from '../../../src/api/decode-response.js';
import { ExitCode, ResponseError } from '../../../src/errors.js';
import { ProcessV3ListSchema, ProcessV3Schema } from '../../../src/models/process-v3.js';

const process = JSON.parse(readFileSync(new URL('../../fixtures/process-v3.json', import.meta.url), 'utf8')) as Record<string, unknown>;

function failure(run: () => unknown): ResponseError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ResponseError);
    return error;
  }
  throw new Error('expected a ResponseError');
}

describe('decodeResponse', () => {
  it('returns the validated data', () => {
    const data = decodeResponse(ProcessV3Schema, process, 'GET /p');
    assert.equal(data.processId, process['processId']);
  });

  it('names the endpoint, each path, the expected type and the value received', () => {
    const error = failure(() => decodeResponse(ProcessV3Schema, { ...process, roomsAllocated: '3', processId: 5 }, 'GET /processes/v3/apps/a/processes/p'));
    assert.equal(error.exitCode, ExitCode.failure);
    assert.equal(
      error.message,
      'unexpected API response from GET /processes/v3/apps/a/processes/p: roomsAllocated: expected integer, got "3"; processId: expected string, got 5',
    );
    assert.equal(error.hint, SCHEMA_MISMATCH_HINT);
    assert.equal(SCHEMA_MISMATCH_HINT, 'hproc may be older than the API; please report this');
  });

  it('shows at most 5 issues and counts the rest', () => {
    const error = failure(() => decodeResponse(ProcessV3ListSchema, [1, 2, 3, 4, 5, 6, 7], 'GET /l'));
    assert.equal(
      error.message,
      'unexpected API response from GET /l: [0]: expected object, got 1; [1]: expected object, got 2; [2]: expected object, got 3; [3]: expected object, got 4; [4]: expected object, got 5; and 2 more',
    );
  });
});
