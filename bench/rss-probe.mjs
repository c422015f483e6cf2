// Preloaded with `node --import`: reports the process's peak resident memory on stderr when it
// exits, as `hproc-bench-max-rss <KiB>`, so the bench needs no external `time` tool.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `hproc-bench-max-rss ${process.resourceUsage().maxRSS}\n`);
});
