// Bundles src/ into dist/ with esbuild: one small entry chunk plus lazily imported chunks, so a
// command loads only what it uses (zod, undici and cli-table3 stay out of --help and --version).
import { build } from 'esbuild';
import { copyFile, readFile, readdir, rm } from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

await rm(new URL('../dist/', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  // jq-web (CommonJS) finds jq.wasm beside itself through __dirname, which ES modules do not have.
  define: { __HPROC_VERSION__: JSON.stringify(pkg.version), __dirname: 'import.meta.dirname' },
  // cli-table3 and undici are CommonJS and call require() for Node built-ins.
  banner: { js: "import { createRequire as __hprocCreateRequire } from 'node:module'; const require = __hprocCreateRequire(import.meta.url);" },
});

// --jq's WebAssembly module: jq-web reads it from the directory of the chunk that holds its code.
const jqChunkDirs = new Set();
for (const file of await readdir(new URL('../dist/', import.meta.url), { recursive: true })) {
  if (!file.endsWith('.js')) continue;
  const text = await readFile(new URL(`../dist/${file}`, import.meta.url), 'utf8');
  if (text.includes("locateFile('jq.wasm')") || text.includes('locateFile("jq.wasm")')) jqChunkDirs.add(file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '');
}
if (jqChunkDirs.size === 0) throw new Error('build: no chunk loads jq.wasm; has jq-web changed?');
for (const dir of jqChunkDirs) {
  await copyFile(new URL('../node_modules/jq-web/jq.wasm', import.meta.url), new URL(`../dist/${dir}jq.wasm`, import.meta.url));
}
