// Runs every tests/**/*.test.ts with node's test runner (Node 20 has no --test globs) through tsx.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : findTests('tests').sort();
const env = { ...process.env };
// Tests decide colour themselves; an inherited FORCE_COLOR or NO_COLOR would change their expected output.
delete env.FORCE_COLOR;
delete env.NO_COLOR;
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  { stdio: 'inherit', env },
);
process.exitCode = result.status ?? 1;
