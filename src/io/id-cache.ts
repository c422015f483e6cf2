// The ids of the last `hproc list`, kept for shell completion in the user's cache directory. Only
// ids that match the strict process id pattern are written (the file is read by shell scripts);
// never a token or anything else. Best effort: a cache that cannot be written is silently skipped.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';

/** The most ids kept: enough for completion, small enough to read on every Tab. */
export const ID_CACHE_LIMIT = 500;

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** The cache file: `$XDG_CACHE_HOME/hproc/process-ids`, else `$HOME/.cache/hproc/process-ids`; undefined when neither is set. */
export function idCachePath(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  // A relative XDG_CACHE_HOME is ignored, as the XDG spec says.
  if (xdg !== undefined && xdg !== '' && isAbsolute(xdg)) return join(xdg, 'hproc', 'process-ids');
  const home = env.HOME;
  if (home !== undefined && home !== '' && isAbsolute(home)) return join(home, '.cache', 'hproc', 'process-ids');
  return undefined;
}

/** Replaces the cached ids with these (deduplicated, well-formed only, at most ID_CACHE_LIMIT). */
export async function rememberIds(env: Readonly<Record<string, string | undefined>>, ids: readonly string[]): Promise<void> {
  const path = idCachePath(env);
  if (path === undefined) return;
  const kept = [...new Set(ids.filter((id) => ID_PATTERN.test(id)))].slice(0, ID_CACHE_LIMIT);
  try {
    await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
    // Write then rename, so a shell never reads half a file.
    const temporary = `${path}.${Date.now()}-${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temporary, kept.map((id) => `${id}\n`).join(''), { mode: 0o600 });
    await rename(temporary, path);
  } catch {
    // Completion is a convenience: a read-only or full disk must not fail a listing.
  }
}
