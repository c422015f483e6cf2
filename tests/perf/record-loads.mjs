// Preloaded with `node --import`: registers a module hook that writes each loaded module's URL to
// stderr as `hproc-load <url>`, so a test can see which bundle chunks a command pulled in.
import { subscribe } from 'node:diagnostics_channel';
import { writeSync } from 'node:fs';
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(
      "import { writeSync } from 'node:fs';" +
        'export async function load(url, context, next) { writeSync(2, `hproc-load ${url}\\n`); return next(url, context); }',
    ),
);

// Built-in modules are loaded by require() inside the bundle too, which the hook does not see; at
// exit, list every one the run loaded as `hproc-builtin <name>`.
process.on('exit', () => {
  for (const entry of process.moduleLoadList) {
    if (entry.startsWith('NativeModule ')) writeSync(2, `hproc-builtin ${entry.slice('NativeModule '.length)}\n`);
  }
});

// Each HTTP request undici creates, as `hproc-request`, in order with the loads above.
subscribe('undici:request:create', () => writeSync(2, 'hproc-request\n'));
