// Bundles src/ into dist/ with esbuild: one small entry chunk plus lazily imported chunks, so a
// command loads only what it uses (zod, undici and cli-table3 stay out of --help and --version).
import { build } from 'esbuild';
import { copyFile, readFile, readdir, rm, writeFile } from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

// Two parts of undici that hproc's requests can never reach, replaced at build time by stand-ins that
// fail loudly if they ever were reached (bench/levers.md has what each saves):
// - the HTTP/2 session code, which loads node:http2 (and with it tls and crypto) as soon as undici's
//   client loads: about 16 ms of every command that makes a request. hproc's Agent never offers h2 in
//   ALPN (allowH2 stays false), so no connection can become HTTP/2.
// - the fetch body code (with WebIDL, FormData and the rest of undici's fetch) that HTTP/1.1 requests
//   load only to send a FormData body: a third of the client chunk, parsed at every request for
//   nothing. hproc sends JSON text or no body.
const undiciStandIns = [
  { importer: /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client\.js$/, request: './client-h2.js', what: 'HTTP/2' },
  { importer: /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client-h1\.js$/, request: '../web/fetch/body.js', what: 'FormData request bodies' },
];
const withoutUnreachableUndici = {
  name: 'undici-without-unreachable-parts',
  setup(b) {
    const seen = new Set();
    b.onResolve({ filter: /^\.\.?\/(client-h2|web\/fetch\/body)\.js$/ }, (args) => {
      const standIn = undiciStandIns.find((s) => s.request === args.path && s.importer.test(args.importer));
      if (!standIn) return undefined;
      seen.add(standIn);
      return { path: standIn.what, namespace: 'hproc-undici-stand-in' };
    });
    b.onLoad({ filter: /.*/, namespace: 'hproc-undici-stand-in' }, (args) => ({
      contents: `const fail = () => { throw new Error(${JSON.stringify(`hproc was built without undici support for ${args.path}`)}); };
module.exports = new Proxy(fail, { get: fail });`,
      loader: 'js',
    }));
    // A renamed undici file would silently keep the code in; fail the build instead.
    b.onEnd((result) => {
      if (result.errors.length === 0 && seen.size !== undiciStandIns.length) {
        throw new Error('build: undici no longer requires ' + undiciStandIns.filter((s) => !seen.has(s)).map((s) => s.request).join(', '));
      }
    });
  },
};

await rm(new URL('../dist/', import.meta.url), { recursive: true, force: true });
const built = await build({
  // Which files of node_modules went into the bundle: their packages' licences ship with it.
  metafile: true,
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
  plugins: [withoutUnreachableUndici],
  banner: { js: "import { createRequire as __hprocCreateRequire } from 'node:module'; const require = __hprocCreateRequire(import.meta.url);" },
});

// --jq's WebAssembly module: jq-web reads it from the directory of the chunk that holds its code.
const jqChunkDirs = new Set();
for (const file of await readdir(new URL('../dist/', import.meta.url), { recursive: true })) {
  if (!file.endsWith('.js')) continue;
  const text = await readFile(new URL(`../dist/${file}`, import.meta.url), 'utf8');
  if (text.includes('"jq.wasm"') || text.includes("'jq.wasm'")) jqChunkDirs.add(file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '');
}
if (jqChunkDirs.size === 0) throw new Error('build: no chunk loads jq.wasm; has jq-web changed?');
for (const dir of jqChunkDirs) {
  await copyFile(new URL('../node_modules/jq-web/jq.wasm', import.meta.url), new URL(`../dist/${dir}jq.wasm`, import.meta.url));
}

// The package installs no dependencies (everything is bundled), so the licences of what the bundle
// holds ship beside it: one file, each package's own licence text, found from esbuild's metafile
// (transitive dependencies included, and nothing that was tree-shaken out).
async function writeThirdPartyNotices(inputs) {
  const dirs = new Set();
  for (const input of Object.keys(inputs)) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input.replace(/\\/g, '/'));
    if (match) dirs.add(input.replace(/\\/g, '/').slice(0, match.index + match[0].length));
  }
  // jq.wasm is copied, not bundled: jq-web is in the package too.
  dirs.add('node_modules/jq-web/');
  // The libraries src/ may import (tests/unit/layers.test.ts reads the same list) must all be in the bundle.
  const libraries = JSON.parse(await readFile(new URL('./runtime-libraries.json', import.meta.url), 'utf8'));
  const missing = libraries.filter((name) => !dirs.has(`node_modules/${name}/`) || pkg.devDependencies?.[name] === undefined);
  if (missing.length > 0) throw new Error(`build: runtime libraries not bundled or not in devDependencies: ${missing.join(', ')}`);
  const entries = [];
  for (const dir of [...dirs].sort()) {
    const pkgJson = JSON.parse(await readFile(new URL(`../${dir}package.json`, import.meta.url), 'utf8'));
    const files = (await readdir(new URL(`../${dir}`, import.meta.url))).filter((f) => /^(licen[cs]e|copying|notice)([.-]|$)/i.test(f)).sort();
    if (files.length === 0) throw new Error(`build: ${pkgJson.name} has no licence file to ship`);
    const texts = await Promise.all(files.map((f) => readFile(new URL(`../${dir}${f}`, import.meta.url), 'utf8')));
    entries.push(`${pkgJson.name} ${pkgJson.version} (${pkgJson.license ?? 'see below'})\n${'-'.repeat(72)}\n${texts.map((t) => t.trim()).join('\n\n')}\n`);
  }
  const header = `hproc bundles the following packages into dist/; their licences follow.\n\n${entries.map((e) => `  ${e.slice(0, e.indexOf('\n'))}`).join('\n')}\n\n`;
  await writeFile(new URL('../THIRD-PARTY-NOTICES.txt', import.meta.url), header + entries.join('\n'));
}
await writeThirdPartyNotices(built.metafile.inputs);
