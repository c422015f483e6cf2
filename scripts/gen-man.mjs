// Writes man/hproc.1 from the command registry (src/cli/man-page.ts). Run by `npm run build`, so the
// packed man page always matches the commands; tests/unit/cli/man-page.test.ts checks it is current.
import { writeFile, mkdir } from 'node:fs/promises';
import { tsImport } from 'tsx/esm/api';

const pkg = JSON.parse(await (await import('node:fs/promises')).readFile(new URL('../package.json', import.meta.url), 'utf8'));
const { renderManPage } = await tsImport('../src/cli/man-page.ts', import.meta.url);
const { commandRegistry } = await tsImport('../src/commands/index.ts', import.meta.url);
await mkdir(new URL('../man/', import.meta.url), { recursive: true });
await writeFile(new URL('../man/hproc.1', import.meta.url), renderManPage(commandRegistry, pkg.version));
