// Guards the import rules of src/models: only zod and sibling files, and no zod (not even
// indirectly) in the modules that start-up paths load for flags and field metadata.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

const DIR = new URL('../../../src/models/', import.meta.url);
const files = readdirSync(DIR).filter((name) => name.endsWith('.ts'));

interface Import {
  specifier: string;
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const source = readFileSync(new URL(file, DIR), 'utf8');
  const found: Import[] = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) {
    found.push({ specifier: match[3] ?? '', typeOnly: match[2] !== undefined });
  }
  assert.doesNotMatch(source, /\bimport\s*\(/, `${file} uses a dynamic import`);
  assert.doesNotMatch(source, /\brequire\s*\(/, `${file} uses require`);
  return found;
}

/** The sibling files a module loads at run time, following runtime imports transitively. */
function runtimeClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const { specifier, typeOnly } of importsOf(file)) {
    if (typeOnly) continue;
    if (specifier.startsWith('./')) runtimeClosure(specifier.slice(2).replace(/\.js$/, '.ts'), seen);
    else seen.add(specifier);
  }
  return seen;
}

test('src/models has no index module (it would load zod for every importer)', () => {
  assert.equal(files.includes('index.ts'), false);
});

test('models import only zod and their own files, with .js extensions', () => {
  for (const file of files) {
    for (const { specifier } of importsOf(file)) {
      const sibling = /^\.\/[a-z0-9-]+\.js$/.test(specifier) && files.includes(specifier.slice(2).replace(/\.js$/, '.ts'));
      assert.equal(sibling || specifier === 'zod', true, `${file} imports ${specifier}`);
    }
  }
});

test('zod is imported as a namespace', () => {
  for (const file of files) {
    const source = readFileSync(new URL(file, DIR), 'utf8');
    for (const line of source.split('\n').filter((l) => /from ['"]zod['"]/.test(l))) {
      assert.match(line, /^import (type )?\* as z from 'zod';$/, `${file}: ${line}`);
    }
  }
});

for (const file of ['enums.ts', 'deprecations.ts', 'field-docs.ts', 'timestamp.ts', 'normalise.ts']) {
  test(`${file} loads no zod at run time`, () => {
    assert.equal(runtimeClosure(file).has('zod'), false, [...runtimeClosure(file)].join(', '));
  });
}

test('the import scanner sees runtime zod imports and skips type-only ones (so the tests above can fail)', () => {
  assert.equal(runtimeClosure('process-v3.ts').has('zod'), true);
  // decode.ts imports zod for types only, but loads it through wire.ts.
  assert.equal(runtimeClosure('decode.ts').has('zod'), true);
  assert.deepEqual([...runtimeClosure('normalise.ts')], ['normalise.ts']);
});
