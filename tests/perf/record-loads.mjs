// Preloaded with `node --import`: registers a module hook that writes each loaded module's URL to
// stderr as `hproc-load <url>`, so a test can see which bundle chunks a command pulled in.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(
      "import { writeSync } from 'node:fs';" +
        'export async function load(url, context, next) { writeSync(2, `hproc-load ${url}\\n`); return next(url, context); }',
    ),
);
