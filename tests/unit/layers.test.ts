// The dependency rules of design §1, for every file under src/, read from the source so they stay
// true. Imports are read with TypeScript's parser (static, type-only, side-effect, `export ... from`,
// `import('...')`, `typeof import('...')`), so comments and strings never count and nothing is missed
// by a regular expression's idea of formatting. Each violation is reported as `file → import (rule)`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SRC = join(ROOT, 'src');
// The libraries the build bundles into dist/ (the published package has no dependencies).
const RUNTIME_DEPENDENCIES = JSON.parse(readFileSync(join(ROOT, 'scripts', 'runtime-libraries.json'), 'utf8')) as string[];

/** A directory under src/ (`api`, `render` ...), `main` for src/main.ts, `top` for the other files directly in src/. */
type Layer = string;

type Target =
  | { kind: 'src'; file: string; layer: Layer }
  | { kind: 'package'; name: string }
  | { kind: 'builtin'; name: string }
  | { kind: 'missing' }
  | { kind: 'computed' };

interface Import {
  specifier: string;
  /** `import type` / `export type` / `typeof import()`: erased at run time. */
  typeOnly: boolean;
  dynamic: boolean;
  line: number;
  target: Target;
}

interface SourceModule {
  /** Path relative to src/, with forward slashes: `api/client.ts`. */
  file: string;
  layer: Layer;
  text: string;
  ast: ts.SourceFile;
  imports: Import[];
}

function layerOf(file: string): Layer {
  if (file === 'main.ts') return 'main';
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : 'top';
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

function resolve(from: string, specifier: string): Target {
  if (specifier.startsWith('.')) {
    const joined = posix.normalize(posix.join(posix.dirname(from), specifier));
    // NodeNext: a relative import names the .js file that the .ts file becomes.
    if (!joined.endsWith('.js') || joined.startsWith('..')) return { kind: 'missing' };
    const file = joined.replace(/\.js$/, '.ts');
    return existsSync(join(SRC, file)) ? { kind: 'src', file, layer: layerOf(file) } : { kind: 'missing' };
  }
  if (specifier.startsWith('node:') || builtinModules.includes(specifier)) return { kind: 'builtin', name: specifier.replace(/^node:/, '') };
  return { kind: 'package', name: packageName(specifier) };
}

/** Every import of a parsed file, in source order. */
export function importsOf(file: string, ast: ts.SourceFile): Import[] {
  const found: Import[] = [];
  const add = (node: ts.Node, specifierNode: ts.Node | undefined, typeOnly: boolean, dynamic: boolean): void => {
    const line = ast.getLineAndCharacterOfPosition(node.getStart(ast)).line + 1;
    if (specifierNode === undefined || !ts.isStringLiteralLike(specifierNode)) {
      found.push({ specifier: specifierNode?.getText(ast) ?? '?', typeOnly, dynamic, line, target: { kind: 'computed' } });
      return;
    }
    found.push({ specifier: specifierNode.text, typeOnly, dynamic, line, target: resolve(file, specifierNode.text) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier, node.importClause?.isTypeOnly ?? false, false);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined) add(node, node.moduleSpecifier, node.isTypeOnly, false);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node, node.moduleReference.expression, node.isTypeOnly, false);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal, true, false);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0], false, true);
    else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require') add(node, node.arguments[0], false, false);
    ts.forEachChild(node, visit);
  };
  visit(ast);
  return found;
}

function isScope(node: ts.Node): boolean {
  return ts.isSourceFile(node) || ts.isBlock(node) || ts.isModuleBlock(node) || ts.isCaseBlock(node) || ts.isCatchClause(node) || ts.isFunctionLike(node)
    || ts.isForStatement(node) || ts.isForInStatement(node) || ts.isForOfStatement(node) || ts.isClassLike(node);
}

function declaresName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent) || ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent)
      || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isImportSpecifier(parent) || ts.isImportEqualsDeclaration(parent)
      || ts.isEnumDeclaration(parent) || ts.isFunctionExpression(parent) || ts.isClassExpression(parent)) && parent.name === node)
  );
}

/** An identifier that names a property, a member or a label rather than a variable. */
function isNotAReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return !(ts.isIdentifier(parent.expression) && ['globalThis', 'global'].includes(parent.expression.text));
  if (ts.isQualifiedName(parent) && parent.right === node) return true;
  if (ts.isBindingElement(parent) && parent.propertyName === node) return true;
  if ((ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) && parent.propertyName === node) return true;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return true;
  return (
    (ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)
      || ts.isMethodSignature(parent) || ts.isGetAccessor(parent) || ts.isSetAccessor(parent) || ts.isEnumMember(parent)) && parent.name === node
  );
}

/** One use of Node's `process` global: its line, and the property read from it (`versions` in `process.versions.node`), if any. */
interface ProcessUse {
  line: number;
  property: string | undefined;
}

/** Where a file uses Node's `process` global (not a local variable of that name, not a property called process). */
export function processGlobalUses(ast: ts.SourceFile): ProcessUse[] {
  const shadowing = new Set<ts.Node>();
  const candidates: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === 'process') {
      if (declaresName(node)) {
        let scope: ts.Node = node.parent;
        while (ts.isBindingElement(scope) || ts.isObjectBindingPattern(scope) || ts.isArrayBindingPattern(scope)) scope = scope.parent;
        // A parameter belongs to its function, anything else to the nearest enclosing block or function.
        scope = scope.parent;
        while (!isScope(scope)) scope = scope.parent;
        shadowing.add(scope);
      } else if (!isNotAReference(node)) {
        candidates.push(node);
      }
    } else if (ts.isElementAccessExpression(node) && ts.isIdentifier(node.expression) && ['globalThis', 'global'].includes(node.expression.text)
      && ts.isStringLiteralLike(node.argumentExpression) && node.argumentExpression.text === 'process') {
      candidates.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(ast);
  return candidates
    .filter((node) => {
      for (let at: ts.Node | undefined = node; at !== undefined; at = at.parent) if (shadowing.has(at)) return false;
      return true;
    })
    .map((node) => {
      // `globalThis.process` counts as a whole: the property is the one read from it.
      const global = ts.isPropertyAccessExpression(node.parent) && node.parent.name === node ? node.parent : node;
      const parent = global.parent;
      const property = ts.isPropertyAccessExpression(parent) && parent.expression === global ? parent.name.text : undefined;
      return { line: ast.getLineAndCharacterOfPosition(node.getStart(ast)).line + 1, property };
    });
}

function parse(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

const modules: SourceModule[] = walk(SRC)
  .map((path) => relative(SRC, path).split(sep).join('/'))
  .sort()
  .map((file) => {
    const text = readFileSync(join(SRC, file), 'utf8');
    const ast = parse(file, text);
    return { file, layer: layerOf(file), text, ast, imports: importsOf(file, ast) };
  });

// ---------------------------------------------------------------------------------------------------
// The rules. `from` says which files a rule applies to; `forbids` says which imports break it.

const inLayer = (...layers: Layer[]) => (m: SourceModule): boolean => layers.includes(m.layer);
const notIn = (...layers: Layer[]) => (m: SourceModule): boolean => !layers.includes(m.layer);
const srcIn = (...layers: Layer[]) => (t: Target): boolean => t.kind === 'src' && layers.includes(t.layer);
const pkg = (...names: string[]) => (t: Target): boolean => t.kind === 'package' && names.includes(t.name);
const any = (...tests: ((t: Target) => boolean)[]) => (t: Target): boolean => tests.some((test) => test(t));

interface Rule {
  rule: string;
  from: (m: SourceModule) => boolean;
  forbids: (t: Target, imp: Import, m: SourceModule) => boolean;
}

export const RULES: readonly Rule[] = [
  {
    rule: 'models/ imports only zod and models/',
    from: inLayer('models'),
    forbids: (t) => !any(srcIn('models'), pkg('zod'))(t),
  },
  {
    rule: 'api/ never imports render/, io/, cli/, commands/, config/, chalk, cli-table3, jq-web or commander',
    from: inLayer('api'),
    forbids: any(srcIn('render', 'io', 'cli', 'commands', 'config'), pkg('chalk', 'cli-table3', 'jq-web', 'commander')),
  },
  {
    rule: 'render/ never imports api/, cli/, commands/, config/, undici or commander',
    from: inLayer('render'),
    forbids: any(srcIn('api', 'cli', 'commands', 'config'), pkg('undici', 'commander')),
  },
  {
    rule: 'config/ never imports render/, api/, cli/ or commands/',
    from: inLayer('config'),
    forbids: srcIn('render', 'api', 'cli', 'commands'),
  },
  {
    rule: 'io/ never imports api/, models/, render/, cli/, commands/ or config/',
    from: inLayer('io'),
    forbids: srcIn('api', 'models', 'render', 'cli', 'commands', 'config'),
  },
  {
    rule: 'emulator/ imports only emulator/ and Node built-ins: it shares no code with the client',
    from: inLayer('emulator'),
    forbids: (t) => !(srcIn('emulator')(t) || t.kind === 'builtin'),
  },
  {
    rule: 'only the emulator command (commands/emulator.ts) imports emulator/',
    from: (m) => m.layer !== 'emulator' && m.file !== 'commands/emulator.ts',
    forbids: srcIn('emulator'),
  },
  {
    rule: 'only cli/ imports commander',
    from: notIn('cli'),
    forbids: pkg('commander'),
  },
  {
    rule: 'only render/ imports chalk, cli-table3 and jq-web',
    from: notIn('render'),
    forbids: pkg('chalk', 'cli-table3', 'jq-web'),
  },
  {
    rule: 'only api/ imports undici',
    from: notIn('api'),
    forbids: pkg('undici'),
  },
  {
    rule: 'only models/ and api/ import zod',
    from: notIn('models', 'api'),
    forbids: pkg('zod'),
  },
  {
    rule: "only api/undici-agent.ts reaches into undici's own files (the build's stand-ins depend on them)",
    from: (m) => m.file !== 'api/undici-agent.ts',
    forbids: (_t, imp) => imp.specifier.startsWith('undici/'),
  },
  {
    rule: 'a package is a Node built-in or a runtime dependency in package.json (never a dev dependency)',
    from: () => true,
    forbids: (t, imp, m) => t.kind === 'package' && !RUNTIME_DEPENDENCIES.includes(t.name) && !(m.file.endsWith('.d.ts') && imp.typeOnly),
  },
  {
    rule: 'only main.ts imports node:process (everything else gets what it needs from ctx)',
    from: (m) => m.file !== 'main.ts',
    forbids: (t) => t.kind === 'builtin' && t.name === 'process',
  },
  {
    rule: 'a relative import names an existing .js file under src/',
    from: () => true,
    forbids: (t) => t.kind === 'missing',
  },
  {
    rule: 'a dynamic import names its module literally, so these rules can see it',
    from: () => true,
    forbids: (t) => t.kind === 'computed',
  },
];

/**
 * The files that may use Node's `process` global, why, and (when not all of it) which properties.
 * Everything else gets argv, env, streams and the clock from ctx.
 */
export const PROCESS_GLOBAL_ALLOWED: Readonly<Record<string, { why: string; only?: readonly string[] }>> = {
  'main.ts': { why: 'the entry point: it builds ctx from argv, env and the streams, handles signals and sets the exit code' },
  'commands/liftoff.ts': {
    why: "it sets V8 flags of the whole process, and only on Node 20, whose exit stalls: the running Node's version is its own question, not an input of the run",
    only: ['versions'],
  },
};

function ruleViolations(mods: readonly SourceModule[]): string[] {
  const out: string[] = [];
  for (const m of mods) {
    for (const imp of m.imports) {
      for (const { rule, from, forbids } of RULES) {
        if (from(m) && forbids(imp.target, imp, m)) out.push(`src/${m.file}:${imp.line} → ${imp.specifier} (${rule})`);
      }
    }
  }
  return out;
}

/** Imports that make two directories of src/ depend on each other (directly or through others): cli ↔ config and the like. */
function cycleViolations(mods: readonly SourceModule[]): string[] {
  const isLayer = (layer: Layer): boolean => layer !== 'top' && layer !== 'main';
  const edges = new Map<Layer, Map<Layer, string[]>>();
  for (const m of mods) {
    if (!isLayer(m.layer)) continue;
    for (const imp of m.imports) {
      if (imp.target.kind !== 'src' || !isLayer(imp.target.layer) || imp.target.layer === m.layer) continue;
      const to = edges.get(m.layer) ?? new Map<Layer, string[]>();
      edges.set(m.layer, to);
      to.set(imp.target.layer, [...(to.get(imp.target.layer) ?? []), `src/${m.file}:${imp.line} → ${imp.specifier}`]);
    }
  }
  /** A path of layers from `from` to `to`, if there is one. */
  const path = (from: Layer, to: Layer, seen = new Set<Layer>()): Layer[] | undefined => {
    if (from === to) return [to];
    seen.add(from);
    for (const next of edges.get(from)?.keys() ?? []) {
      if (seen.has(next)) continue;
      const rest = path(next, to, seen);
      if (rest !== undefined) return [from, ...rest];
    }
    return undefined;
  };
  const out: string[] = [];
  for (const [from, targets] of edges) {
    for (const [to, imports] of targets) {
      const back = path(to, from);
      if (back === undefined) continue;
      for (const imp of imports) out.push(`${imp} (no circle between directories of src/: ${[from, ...back].join(' → ')})`);
    }
  }
  return out;
}

function processViolations(mods: readonly SourceModule[]): string[] {
  return mods.flatMap((m) => {
    const allowed = PROCESS_GLOBAL_ALLOWED[m.file];
    if (allowed !== undefined && allowed.only === undefined) return [];
    return processGlobalUses(m.ast)
      .filter((use) => allowed?.only === undefined || use.property === undefined || !allowed.only.includes(use.property))
      .map((use) => `src/${m.file}:${use.line} → process${use.property === undefined ? '' : `.${use.property}`} (only main.ts references the process global; the rest gets it from ctx)`);
  });
}

function assertNone(violations: string[]): void {
  if (violations.length > 0) assert.fail(`${violations.length} layer rule violation(s):\n  ${violations.join('\n  ')}`);
}

describe('layer rules for every file under src/', () => {
  it('sees the whole tree', () => {
    const layers = new Set(modules.map((m) => m.layer));
    for (const layer of ['api', 'cli', 'commands', 'config', 'emulator', 'io', 'models', 'render', 'main']) assert.ok(layers.has(layer), layer);
    assert.ok(modules.length > 100, `${modules.length} files`);
  });

  it('each import keeps the rules of the table', () => {
    assertNone(ruleViolations(modules));
  });

  it('no two directories of src/ import each other, directly or through others', () => {
    assertNone(cycleViolations(modules));
  });

  it('nothing but main.ts uses the process global (and the allow-list below, for what it names)', () => {
    assertNone(processViolations(modules));
  });

  it('every file in the process allow-list exists and still needs it', () => {
    for (const file of Object.keys(PROCESS_GLOBAL_ALLOWED)) {
      const m = modules.find((candidate) => candidate.file === file);
      assert.ok(m !== undefined, `${file} is gone: drop it from the allow-list`);
      assert.ok(processGlobalUses(m.ast).length > 0, `${file} no longer uses process: drop it from the allow-list`);
      assert.ok(PROCESS_GLOBAL_ALLOWED[file]?.why, `${file}: say why it may`);
    }
  });

  it('modules use named exports only', () => {
    const defaults = modules
      .filter((m) => !m.file.endsWith('.d.ts'))
      .flatMap((m) => m.ast.statements.filter((s) => ts.isExportAssignment(s) || (ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((mod) => mod.kind === ts.SyntaxKind.DefaultKeyword))).map(() => `src/${m.file}`));
    assert.deepEqual(defaults, []);
  });
});

describe('models/ stays cheap to load', () => {
  const models = modules.filter((m) => m.layer === 'models');
  /** The files and packages a models/ file loads at run time, following runtime imports transitively. */
  const runtimeClosure = (file: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const imp of modules.find((m) => m.file === file)?.imports ?? []) {
      if (imp.typeOnly) continue;
      if (imp.target.kind === 'src') runtimeClosure(imp.target.file, seen);
      else seen.add(imp.specifier);
    }
    return seen;
  };

  it('has no index module (it would load zod for every importer)', () => {
    assert.equal(models.some((m) => m.file === 'models/index.ts'), false);
  });

  it('imports zod as a namespace', () => {
    for (const m of modules) {
      for (const line of m.text.split('\n').filter((l) => /from ['"]zod['"]/.test(l))) assert.match(line, /^import (type )?\* as z from 'zod';$/, `src/${m.file}: ${line}`);
    }
  });

  for (const file of ['enums.ts', 'deprecations.ts', 'field-docs.ts', 'timestamp.ts', 'normalise.ts']) {
    it(`${file} loads no zod at run time (start-up paths load it for flags and field metadata)`, () => {
      const closure = runtimeClosure(`models/${file}`);
      assert.equal(closure.has('zod'), false, [...closure].join(', '));
    });
  }

  it('the closure sees runtime zod imports and skips type-only ones (so the tests above can fail)', () => {
    assert.equal(runtimeClosure('models/process-v3.ts').has('zod'), true);
    // decode.ts imports zod for types only, but loads it through wire.ts.
    assert.equal(runtimeClosure('models/decode.ts').has('zod'), true);
  });
});

describe('other load-time rules', () => {
  for (const file of ['api/ids.ts', 'api/endpoint.ts']) {
    it(`${file} stays light: it imports only the error classes`, () => {
      assert.deepEqual(modules.find((m) => m.file === file)?.imports.map((imp) => imp.specifier), ['../errors.js']);
    });
  }

  it('the emulator draws every random number from its seeded generator', () => {
    for (const m of modules.filter((candidate) => candidate.layer === 'emulator')) assert.doesNotMatch(m.text, /\bMath\.random\s*\(/, m.file);
  });
});

describe('the import reader (so the rules above can fail)', () => {
  const sample = parse(
    'render/sample.ts',
    [
      "import { a } from '../api/ids.js';",
      "import type { B } from 'commander';",
      "import './side-effect.js';",
      "export { c } from '../cli/spec.js';",
      "export * from 'undici';",
      "// import { fake } from '../commands/list.js';",
      "const text = \"import { fake } from '../commands/list.js'\";",
      "type T = typeof import('zod');",
      "async function f(name: string) { await import('../config/config-file.js'); await import(name); }",
    ].join('\n'),
  );
  const found = importsOf('render/sample.ts', sample);

  it('finds static, type-only, side-effect, re-export and dynamic imports, and none in comments or strings', () => {
    assert.deepEqual(
      found.map((imp) => [imp.specifier, imp.typeOnly, imp.dynamic, imp.target.kind]),
      [
        ['../api/ids.js', false, false, 'src'],
        ['commander', true, false, 'package'],
        ['./side-effect.js', false, false, 'missing'],
        ['../cli/spec.js', false, false, 'src'],
        ['undici', false, false, 'package'],
        ['zod', true, false, 'package'],
        ['../config/config-file.js', false, true, 'src'],
        ['name', false, true, 'computed'],
      ],
    );
  });

  it('reports what the rules forbid as file → import (rule)', () => {
    const violations = ruleViolations([{ file: 'render/sample.ts', layer: 'render', text: '', ast: sample, imports: found }]);
    for (const expected of [
      'src/render/sample.ts:1 → ../api/ids.js (render/ never imports api/, cli/, commands/, config/, undici or commander)',
      'src/render/sample.ts:2 → commander (render/ never imports api/, cli/, commands/, config/, undici or commander)',
      'src/render/sample.ts:2 → commander (only cli/ imports commander)',
      'src/render/sample.ts:3 → ./side-effect.js (a relative import names an existing .js file under src/)',
      'src/render/sample.ts:4 → ../cli/spec.js (render/ never imports api/, cli/, commands/, config/, undici or commander)',
      'src/render/sample.ts:9 → ../config/config-file.js (render/ never imports api/, cli/, commands/, config/, undici or commander)',
      'src/render/sample.ts:5 → undici (only api/ imports undici)',
      'src/render/sample.ts:9 → name (a dynamic import names its module literally, so these rules can see it)',
    ]) {
      assert.ok(violations.includes(expected), `${expected}\nnot in:\n${violations.join('\n')}`);
    }
  });

  it('sees a circle between two directories', () => {
    const a = parse('cli/a.ts', "import { s } from '../config/config-file.js';");
    const b = parse('config/b.ts', "import { p } from '../cli/spec.js';");
    const mods = [
      { file: 'cli/a.ts', layer: 'cli', text: '', ast: a, imports: importsOf('cli/a.ts', a) },
      { file: 'config/b.ts', layer: 'config', text: '', ast: b, imports: importsOf('config/b.ts', b) },
    ];
    assert.deepEqual(cycleViolations(mods), [
      'src/cli/a.ts:1 → ../config/config-file.js (no circle between directories of src/: cli → config → cli)',
      'src/config/b.ts:1 → ../cli/spec.js (no circle between directories of src/: config → cli → config)',
    ]);
  });

  it('tells the process global from variables and properties of that name', () => {
    const uses = processGlobalUses(
      parse(
        'x.ts',
        [
          'const argv = process.argv;', // 1: global
          'function show(process: { id: string }) { return process.id; }', // 2: parameter
          'for (const process of list) use(process.id);', // 3: loop variable
          'const { process: p } = row; row.process.id;', // 4: property names
          '// process.exit(1)', // 5: comment
          'if (x) { const process = 1; } else { process.exitCode = 1; }', // 6: the global, beside a shadowed block
          'use({ process }); globalThis.process.env;', // 7: shorthand and globalThis
          'const s = "process.env";', // 8: a string
          'interface I { process: string }', // 9: a member
        ].join('\n'),
      ),
    );
    assert.deepEqual(uses, [
      { line: 1, property: 'argv' },
      { line: 6, property: 'exitCode' },
      { line: 7, property: undefined },
      { line: 7, property: 'env' },
    ]);
  });
});
