// Catalogue #12: every command of the registry (new ones included, found by walking it) runs with
// --debug against the emulator, and the token's bytes appear nowhere in what hproc writes: not with
// a plain token, not with a Hathora org token, not with a rejected one passed on the command line.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandSpec } from '../../src/cli/spec.js';
import { commandRegistry } from '../../src/commands/index.js';
import { BIG_APP_ID, RUNNING_PROCESS_ID } from '../../src/emulator/data.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { runBinary, type CliResult } from '../helpers/cli.js';
import { startTestServer } from '../helpers/servers.js';

// Long-running or interactive by nature; everything else is run.
const SKIPPED = new Set(['emulator']);

// A value for each positional argument name; an unknown name gets a placeholder (the command may
// then refuse it, and its error message is checked for the token like any other output).
const ARGUMENT_VALUES: Record<string, string> = {
  processId: RUNNING_PROCESS_ID,
  appId: BIG_APP_ID,
  path: 'Process.host',
  key: 'token',
  profile: 'default',
  shell: 'bash',
};

/** The argv of every runnable command: subcommands of a group each count as one. */
function commandLines(specs: readonly CommandSpec[], prefix: string[] = []): { name: string; argv: string[]; requests: boolean }[] {
  return specs.flatMap((spec) => {
    if (SKIPPED.has(spec.name)) return [];
    const path = [...prefix, spec.name];
    if (spec.subcommands !== undefined && spec.subcommands.length > 0) return commandLines(spec.subcommands, path);
    const flags = spec.options.map((option) => option.flags);
    const argv = [...path, ...spec.args.filter((arg) => arg.required).map((arg) => ARGUMENT_VALUES[arg.name] ?? 'x')];
    if (flags.some((f) => /(^|\s)--debug\b/.test(f))) argv.push('--debug');
    if (flags.some((f) => /(^|\s)--yes\b/.test(f))) argv.push('--yes');
    return [{ name: path.join(' '), argv, requests: flags.some((f) => /(^|\s)--endpoint\b/.test(f)) }];
  });
}

const dirs: string[] = [];
const emulators: RunningEmulator[] = [];
after(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const lines = commandLines(commandRegistry);

// Dozens of processes at once would only thrash a small machine; a few at a time finish sooner.
let running = 0;
const waiting: (() => void)[] = [];
async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= 4) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

interface Variant {
  title: string;
  /** What the emulator accepts. */
  accepted: string;
  /** What hproc is given, and how. */
  token: string;
  viaFlag: boolean;
}

const VARIANTS: Variant[] = [
  { title: 'a plain token in HATHORA_TOKEN', accepted: 'tok-Zq81xvPLAINsecret', token: 'tok-Zq81xvPLAINsecret', viaFlag: false },
  { title: 'a hathora_org_st_ token in HATHORA_TOKEN', accepted: 'hathora_org_st_AbCdEf0123456789_xyzORG', token: 'hathora_org_st_AbCdEf0123456789_xyzORG', viaFlag: false },
  { title: 'a rejected hathora_org_st_ token on the command line', accepted: 'tok-the-right-one', token: 'hathora_org_st_WrOnG0987654321_revokedTOKEN', viaFlag: true },
];

/** The token, and a distinctive tail of it: a leak of part of the token is still a leak. */
function assertAbsent(result: CliResult, token: string, name: string): void {
  for (const needle of [token, token.slice(-12)]) {
    assert.ok(!result.stdout.includes(needle), `${name}: token in stdout`);
    assert.ok(!result.stderr.includes(needle), `${name}: token in stderr:\n${result.stderr}`);
  }
}

describe('#12 --debug on every command never shows the token', { concurrency: true }, () => {
  test('the registry walk finds the commands', () => {
    const names = lines.map((line) => line.name);
    for (const expected of ['list', 'show', 'stop']) assert.ok(names.includes(expected), names.join(', '));
    assert.ok(!names.includes('emulator'));
  });

  for (const variant of VARIANTS) {
    test(`#12 every command with --debug and ${variant.title}`, async () => {
      const emulator = await startEmulator({ token: variant.accepted, stopDelayMs: 50 });
      emulators.push(emulator);
      const home = mkdtempSync(join(tmpdir(), 'hproc-redaction-'));
      dirs.push(home);
      const env = {
        HATHORA_CLOUD_ENDPOINT: emulator.url,
        HATHORA_APP_ID: BIG_APP_ID,
        XDG_CONFIG_HOME: join(home, 'config'),
        HOME: home,
        ...(variant.viaFlag ? {} : { HATHORA_TOKEN: variant.token }),
      };
      // A token on the command line only reaches the commands that take --token.
      const runnable = variant.viaFlag ? lines.filter((line) => line.requests) : lines;
      const results = await Promise.all(
        runnable.map(async (line) => {
          const argv = variant.viaFlag && line.requests ? [...line.argv, '--token', variant.token] : line.argv;
          // The token also arrives on stdin, for commands that read one from there.
          return { line, result: await limited(() => runBinary(argv, env, `${variant.token}\n`)) };
        }),
      );
      let requested = 0;
      for (const { line, result } of results) {
        assertAbsent(result, variant.token, line.name);
        if (line.requests && result.code === 0 && /^debug: /m.test(result.stderr)) {
          // What was sent is logged, with the credential shown only as the fixed mask.
          assert.match(result.stderr, /^debug: (GET|POST) http:\/\/127\.0\.0\.1:\d+\/\S+ \(authorization: ••••••••\)$/m, line.name);
          assert.match(result.stderr, /^debug: (GET|POST) \S+ → \d{3}.* \(\d+ ms\)$/m, line.name);
          requested++;
        }
      }
      if (variant.accepted === variant.token) {
        // Most commands succeeded and logged their requests: the check above was not vacuous.
        const outcomes = results.map(({ line, result }) => `${line.name}: ${result.code} ${result.stderr.split('\n').filter((l) => !l.startsWith('debug:')).join(' ')}`);
        assert.ok(requested >= 5, `only ${requested} commands logged requests:\n${outcomes.join('\n')}`);
      } else {
        const listed = results.find(({ line }) => line.name === 'list')?.result;
        assert.equal(listed?.code, 4, listed?.stderr);
        assert.match(listed?.stderr ?? '', /debug: GET \S+ → 401 /);
      }
    });
  }
});

describe('#12 a server that echoes the token back cannot make hproc print it', () => {
  test('#12 the token reflected into a field, an error message and --debug output is masked everywhere', async () => {
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/process-v3.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const server = await startTestServer((req, res) => {
      const echoed = String(req.headers.authorization);
      const fail = (req.url ?? '').includes('fail');
      res.writeHead(fail ? 400 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(fail ? { message: `bad request with ${echoed}` } : { ...fixture, region: `seen ${echoed}` }));
    });
    try {
      const token = 'tok-reflected-Zq81xvSECRET';
      const env = { HATHORA_CLOUD_ENDPOINT: server.url, HATHORA_TOKEN: token };
      const show = ['show', fixture.processId as string, '--app', fixture.appId as string];
      const [json, table, failed] = await Promise.all([
        runBinary([...show, '--json', '--debug'], env),
        runBinary(show, env),
        runBinary(['show', 'fail', '--app', fixture.appId as string, '--debug'], env),
      ]);
      assert.equal(json.code, 0, json.stderr);
      assert.equal((JSON.parse(json.stdout) as { region: string }).region, 'seen Bearer ••••••••');
      assert.match(table.stdout, /seen Bearer ••••••••/);
      assert.equal(failed.code, 1);
      assert.match(failed.stderr, /hproc: request rejected \(400\): bad request with Bearer ••••••••/);
      for (const r of [json, table, failed]) assertAbsent(r, token, 'echo');
    } finally {
      await server.close();
    }
  });
});
