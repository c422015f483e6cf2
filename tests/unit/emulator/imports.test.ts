import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const EMULATOR_DIR = fileURLToPath(new URL('../../../src/emulator/', import.meta.url));

describe('emulator imports', () => {
  it('use only sibling modules and Node built-ins, so no client code or package is shared', () => {
    const files = readdirSync(EMULATOR_DIR).filter((name) => name.endsWith('.ts'));
    assert.ok(files.length > 10);
    for (const file of files) {
      const source = readFileSync(join(EMULATOR_DIR, file), 'utf8');
      const specifiers = [...source.matchAll(/^\s*(?:import|export)\b[^;]*?from\s+'([^']+)'/gm), ...source.matchAll(/import\(\s*'([^']+)'\s*\)/g)].map((match) => match[1] ?? '');
      for (const specifier of specifiers) {
        assert.ok(
          specifier.startsWith('node:') || /^\.\/[a-z0-9-]+\.js$/.test(specifier),
          `${file} imports ${specifier}`,
        );
      }
      assert.ok(!/\bMath\.random\s*\(/.test(source), `${file} must draw from the seeded generator`);
      assert.ok(!/^export default/m.test(source), `${file} uses named exports only`);
    }
  });
});
