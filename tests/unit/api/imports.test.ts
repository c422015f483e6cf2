// The api layer's dependency rules (design §1), read from the source so they stay true.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

const API_DIR = new URL('../../../src/api/', import.meta.url);

function importsOf(source: string): string[] {
  return [...source.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm)].map(
    (match) => (match[1] ?? match[2] ?? match[3]) as string,
  );
}

const files = readdirSync(API_DIR).filter((name) => name.endsWith('.ts'));

describe('src/api import rules', () => {
  it('has files to check', () => {
    assert.ok(files.includes('client.ts') && files.includes('ids.ts'));
  });

  for (const name of files) {
    it(`${name} never imports render/, io/, cli/, commands/, chalk, cli-table3 or commander, and never touches process`, () => {
      const source = readFileSync(new URL(name, API_DIR), 'utf8');
      for (const specifier of importsOf(source)) {
        assert.ok(!/(^|\/)(render|io|cli|commands)\//.test(specifier), `${name} imports ${specifier}`);
        assert.ok(!['chalk', 'cli-table3', 'commander', 'node:process', 'process'].includes(specifier), `${name} imports ${specifier}`);
        assert.ok(specifier.startsWith('node:') || specifier.startsWith('.') || ['undici', 'zod'].includes(specifier) || (name === 'undici-agent.ts' && specifier.startsWith('undici/lib/')), `${name} imports ${specifier}`);
        if (specifier.startsWith('.')) assert.ok(specifier.endsWith('.js'), `${name}: relative import without .js: ${specifier}`);
      }
      assert.doesNotMatch(source, /\bprocess\.(env|argv|exit|exitCode|stdout|stderr|stdin|on|once|cwd|platform|hrtime|nextTick)\b/, name);
      assert.doesNotMatch(source, /^export default/m, name);
    });
  }

  for (const name of ['ids.ts', 'endpoint.ts']) {
    it(`${name} stays light: it imports only the error classes`, () => {
      assert.deepEqual(importsOf(readFileSync(new URL(name, API_DIR), 'utf8')), ['../errors.js']);
    });
  }

  it('redact.ts imports nothing', () => {
    assert.deepEqual(importsOf(readFileSync(new URL('../redact.ts', API_DIR), 'utf8')), []);
  });
});
