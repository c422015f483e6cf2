// `hproc emulator --port` on a port already taken: a usage error that says so and offers --port 0,
// never "internal error ... report this".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { runInProcess } from '../../helpers/cli.js';

test('a busy --port exits 2, names the port and suggests --port 0', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const { port } = taken.address() as AddressInfo;
  try {
    assert.deepEqual(await runInProcess(['emulator', '--port', String(port)]), {
      code: 2,
      stdout: '',
      stderr: `hproc: port ${port} on 127.0.0.1 is taken\nhint: pick another with --port, or --port 0 for any free one\n`,
    });
  } finally {
    await new Promise((resolve) => taken.close(resolve));
  }
});
