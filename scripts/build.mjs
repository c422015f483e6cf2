// Bundles src/ into dist/ with esbuild: one small entry chunk plus lazily imported chunks, so a
// command loads only what it uses (zod, undici and cli-table3 stay out of --help and --version).
import { build } from 'esbuild';
import { readFile, rm } from 'node:fs/promises';

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
  // jq-wasm (CommonJS) reads __dirname, which ES modules do not have.
  define: { __HPROC_VERSION__: JSON.stringify(pkg.version), __dirname: 'import.meta.dirname' },
  // cli-table3 and undici are CommonJS and call require() for Node built-ins.
  banner: { js: "import { createRequire as __hprocCreateRequire } from 'node:module'; const require = __hprocCreateRequire(import.meta.url);" },
});
