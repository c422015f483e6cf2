// The config file: where it lives, how it is read (strictly, naming the file, key and line of any
// mistake) and how it is written (atomically, owner-only). Reading is synchronous on purpose: flags
// are resolved synchronously before any request, and the file is a few hundred bytes.
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { chmod, mkdir, open, rename, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { HprocError, UsageError } from '../errors.js';
import { formatBytes } from '../units.js';
import { findJsonSyntaxError } from '../json-text.js';

/** The keys a profile may set, in the order `config list` shows them. */
export const CONFIG_KEYS = ['app', 'endpoint', 'token', 'output', 'timeout', 'color'] as const;

/** One of CONFIG_KEYS. */
export type ConfigKey = (typeof CONFIG_KEYS)[number];

/** The settings of one profile. */
export type Profile = Partial<Record<ConfigKey, string>>;

/** The parsed config file; unknown keys are kept so that rewriting the file never loses them. */
export interface ConfigDocument {
  currentProfile?: string;
  profiles: Record<string, Profile>;
  /** Every other top-level key, as read. */
  extra: Record<string, unknown>;
  /** Unknown keys inside each profile, as read. */
  profileExtra: Record<string, Record<string, unknown>>;
}

/** A config file as read from disk: its document and the warnings reading it produced. */
export interface LoadedConfigFile {
  path: string;
  /** False when there is no file yet (an empty document). */
  exists: boolean;
  document: ConfigDocument;
  warnings: string[];
}

const MAX_CONFIG_BYTES = 1024 * 1024;

/** The name of the profile used when none is chosen. */
export const DEFAULT_PROFILE = 'default';

const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Checks a profile name (letters, digits, `.`, `_`, `-`; at most 64), so it is safe in messages and file keys. */
export function checkProfileName(name: string, what: string): string {
  if (!PROFILE_NAME.test(name)) {
    throw new UsageError(`${what} ${JSON.stringify(name.slice(0, 80))} is not a valid profile name`, {
      hint: 'use letters, digits, ".", "_" and "-" (at most 64), starting with a letter or digit',
    });
  }
  return name;
}

/**
 * The config file path: `$XDG_CONFIG_HOME/hproc/config.json`, else `$HOME/.config/hproc/config.json`;
 * undefined when neither is set. A relative XDG_CONFIG_HOME is ignored, as the XDG spec says.
 */
export function configFilePath(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg !== undefined && xdg !== '' && isAbsolute(xdg)) return join(xdg, 'hproc', 'config.json');
  const home = env.HOME;
  if (home !== undefined && home !== '' && isAbsolute(home)) return join(home, '.config', 'hproc', 'config.json');
  return undefined;
}

/** An empty document: what a missing file means. */
export function emptyDocument(): ConfigDocument {
  return { profiles: {}, extra: {}, profileExtra: {} };
}

/** Reads and checks the config file; a missing file is an empty document, anything malformed a UsageError naming the file. */
export function readConfigFile(path: string, home?: string): LoadedConfigFile {
  // What the path names is checked before it is opened: opening a FIFO for reading blocks until a
  // writer comes (and Ctrl-C cannot end a blocked open), a socket cannot be opened at all.
  let named: Stats;
  try {
    named = statSync(path);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') {
      if (isSymlink(path)) throw new UsageError(`config file ${path} is a symbolic link to ${linkTarget(path)}, which does not exist`, { hint: `create the file it points to, or remove the link` });
      return { path, exists: false, document: emptyDocument(), warnings: [] };
    }
    throw new UsageError(`cannot read config file ${path}: ${describeErrno(error)}`);
  }
  if (!named.isFile()) throw notRegular(path, named);
  let fd: number;
  try {
    // O_NONBLOCK: should the path be swapped for a FIFO between the check and the open, the open
    // still returns at once, and the fstat below refuses it.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    throw new UsageError(`cannot read config file ${path}: ${describeErrno(error)}`);
  }
  const warnings: string[] = [];
  let bytes: Buffer;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw notRegular(path, stat);
    // A few hundred bytes is normal; a huge file is a mistake, not something to hold in memory.
    if (stat.size > MAX_CONFIG_BYTES) throw new UsageError(`config file ${path} is too large (${formatBytes(stat.size, { exact: true })}; at most ${formatBytes(MAX_CONFIG_BYTES, { exact: true })})`);
    // Group or other bits: someone else on the machine could read the token.
    if ((stat.mode & 0o077) !== 0) {
      warnings.push(
        `config file ${path} is accessible by other users (mode ${modeText(stat.mode)}); fix it with: chmod 600 ${path}`,
      );
    }
    // Whoever may write in the directory may replace the file (and the endpoint the token goes to).
    const dir = dirname(path);
    const dirMode = statSync(dir).mode;
    if ((dirMode & 0o022) !== 0) {
      warnings.push(
        `config directory ${dir} is writable by other users (mode ${modeText(dirMode)}); fix it with: chmod 700 ${dir}`,
      );
    }
    warnings.push(...linkTargetWarnings(path, stat, home));
    bytes = readFileSync(fd);
  } catch (error) {
    if (error instanceof HprocError) throw error;
    throw new UsageError(`cannot read config file ${path}: ${describeErrno(error)}`);
  } finally {
    closeSync(fd);
  }
  const { document, warnings: shapeWarnings } = parseConfigText(bytes.toString('utf8'), path);
  return { path, exists: true, document, warnings: [...warnings, ...shapeWarnings] };
}

function notRegular(path: string, stat: Stats): UsageError {
  return new UsageError(`config file ${path} is ${fileKind(stat)}, not a regular file`, {
    hint: `hproc reads its settings only from a regular file; remove or rename ${path}`,
  });
}

/** What kind of thing a stat describes, for messages. */
function fileKind(stat: Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function modeText(mode: number): string {
  return (mode & 0o777).toString(8).padStart(4, '0');
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function linkTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return resolve(dirname(path), readlinkSync(path));
    } catch {
      return 'a path that cannot be read';
    }
  }
}

/**
 * When the config path leads through a symbolic link, the checks that count are those of where it
 * points: the target file and each directory from it up to the home directory (or to the root when
 * the target lies outside the home). Whoever may write any of them may change the endpoint the
 * token is sent to. A sticky directory (such as /tmp) lets nobody else replace what is in it.
 */
function linkTargetWarnings(path: string, stat: Stats, home: string | undefined): string[] {
  let target: string;
  try {
    target = realpathSync(path);
  } catch {
    return [];
  }
  if (target === path) return [];
  const warnings: string[] = [];
  if ((stat.mode & 0o022) !== 0) {
    warnings.push(`config file ${path} points to ${target}, which other users may write (mode ${modeText(stat.mode)}); fix it with: chmod 600 ${target}`);
  }
  const top = home === undefined ? undefined : safeRealpath(home);
  const inside = top !== undefined && (target === top || !relative(top, target).startsWith('..'));
  for (let dir = dirname(target); ; dir = dirname(dir)) {
    let dirStat: Stats;
    try {
      dirStat = statSync(dir);
    } catch {
      break;
    }
    const sticky = (dirStat.mode & 0o1000) !== 0;
    if ((dirStat.mode & 0o022) !== 0 && !sticky) {
      warnings.push(`config file ${path} points into ${dir}, which other users may write (mode ${modeText(dirStat.mode)}); fix it with: chmod go-w ${dir}`);
    }
    if ((inside && dir === top) || dir === dirname(dir) || dir === sep) break;
  }
  return warnings;
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Where a write of the config file must go: the path itself, or the file its symbolic link points
 * to, so that the link stays a link. A link to nothing, or to something that is not a regular
 * file, is refused: replacing it would silently undo the user's arrangement.
 */
export function writeTarget(path: string): string {
  // A directory on the way may be a link too: the rename then lands where the file really is.
  if (!isSymlink(path)) return path;
  let target: string;
  try {
    target = realpathSync(path);
  } catch {
    throw new HprocError(`not writing config file ${path}: it is a symbolic link to ${linkTarget(path)}, which does not exist`, {
      hint: 'create the file it points to (even empty), or remove the link and run the command again',
    });
  }
  const stat = statSync(target);
  if (!stat.isFile()) throw notRegularForWrite(path, target, stat);
  return target;
}

function notRegularForWrite(path: string, target: string, stat: Stats): HprocError {
  const where = target === path ? '' : ` (it points to ${target})`;
  return new HprocError(`not writing config file ${path}${where}: it is ${fileKind(stat)}, not a regular file`, {
    hint: `remove or rename ${target}, then run the command again`,
  });
}

/**
 * Parses config file text. A UTF-8 byte order mark is skipped; a syntax error names the line and
 * column (never the text, which may hold the token); a wrong type names the key; unknown keys are
 * warnings.
 */
export function parseConfigText(rawText: string, path: string): { document: ConfigDocument; warnings: string[] } {
  const text = rawText.startsWith('\ufeff') ? rawText.slice(1) : rawText;
  const fixHint = `fix the file, or delete it and set the values again with 'hproc config set'`;
  if (text.trim() === '') return { document: emptyDocument(), warnings: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const { line, column } = lineAndColumn(text, findJsonSyntaxError(text));
    throw new UsageError(`config file ${path} is not valid JSON: syntax error at line ${line}, column ${column}`, { hint: fixHint });
  }
  // `at` is the key's path in the document, to find its line; the top level has none.
  const wrong = (key: string, expected: string, got: unknown, at: readonly string[] = []): UsageError =>
    new UsageError(`config file ${path}${lineOf(text, at)}: ${key} must be ${expected}, got ${typeName(got)}`, { hint: fixHint });
  if (!isPlainObject(value)) throw wrong('the top level', 'an object', value);
  const warnings: string[] = [];
  const document = emptyDocument();
  for (const [key, item] of Object.entries(value)) {
    if (key === 'currentProfile') {
      if (typeof item !== 'string') throw wrong('currentProfile', 'a string', item, [key]);
      if (!PROFILE_NAME.test(item)) throw new UsageError(`config file ${path}: currentProfile is not a valid profile name`, { hint: fixHint });
      document.currentProfile = item;
    } else if (key === 'profiles') {
      if (!isPlainObject(item)) throw wrong('profiles', 'an object', item, [key]);
      for (const [name, profile] of Object.entries(item)) {
        const where = `profiles.${name}`;
        if (!PROFILE_NAME.test(name)) throw new UsageError(`config file ${path}: ${JSON.stringify(name.slice(0, 80))} in profiles is not a valid profile name`, { hint: fixHint });
        if (!isPlainObject(profile)) throw wrong(where, 'an object', profile, [key, name]);
        const settings: Profile = {};
        const extra: Record<string, unknown> = {};
        for (const [settingKey, setting] of Object.entries(profile)) {
          if ((CONFIG_KEYS as readonly string[]).includes(settingKey)) {
            if (typeof setting !== 'string') throw wrong(`${where}.${settingKey}`, 'a string', setting, [key, name, settingKey]);
            settings[settingKey as ConfigKey] = setting;
          } else {
            setOwn(extra, settingKey, setting);
            warnings.push(`config file ${path}${lineOf(text, [key, name, settingKey])}: unknown key ${where}.${printableKey(settingKey)} (ignored)`);
          }
        }
        document.profiles[name] = settings;
        if (Object.keys(extra).length > 0) document.profileExtra[name] = extra;
      }
    } else {
      setOwn(document.extra, key, item);
      warnings.push(`config file ${path}${lineOf(text, [key])}: unknown key ${printableKey(key)} (ignored)`);
    }
  }
  return { document, warnings };
}

/** Serialises a document as the file's text: known keys first, unknown ones kept. */
export function serialiseConfig(document: ConfigDocument): string {
  const profiles: Record<string, unknown> = {};
  for (const [name, profile] of Object.entries(document.profiles)) {
    const ordered: Record<string, unknown> = {};
    for (const key of CONFIG_KEYS) if (profile[key] !== undefined) ordered[key] = profile[key];
    profiles[name] = { ...ordered, ...document.profileExtra[name] };
  }
  const top: Record<string, unknown> = {};
  if (document.currentProfile !== undefined) top.currentProfile = document.currentProfile;
  top.profiles = profiles;
  return `${JSON.stringify({ ...top, ...document.extra }, null, 2)}\n`;
}

/**
 * Writes the config file atomically: the directory is created 0700, the text goes to a temporary
 * file 0600 in the same directory, is flushed to disk and renamed over the old file, so a reader
 * never sees half a file and the token is never readable by others, not even for a moment.
 */
export async function writeConfigFile(configPath: string, document: ConfigDocument): Promise<void> {
  const { randomBytes } = await import('node:crypto');
  // Through a symbolic link, the file it points to is rewritten and the link kept.
  const path = writeTarget(configPath);
  const dir = dirname(path);
  const temp = join(dir, `.config.json.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const handle = await open(temp, 'wx', 0o600);
    try {
      // The mode given to open is reduced by the umask and never applies to an existing file: set it.
      await handle.chmod(0o600);
      await handle.writeFile(serialiseConfig(document), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new HprocError(`cannot write config file ${path}: ${describeErrno(error)}`);
  }
  await syncDirectory(dir);
  // rename keeps the temp file's mode; this only matters if a file system ignored it.
  await chmod(path, 0o600).catch(() => undefined);
}

// Makes the rename itself durable; not every platform can open a directory, so failures are fine.
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort.
  }
}

/**
 * `, line N` for the key at this path in the document, or '' when it cannot be told: keys are looked
 * for in order as plain quoted strings, which is how people and hproc write them.
 */
function lineOf(text: string, keys: readonly string[]): string {
  let index = 0;
  for (const key of keys) {
    const found = text.indexOf(JSON.stringify(key), index);
    if (found < 0) return '';
    index = found;
  }
  return keys.length === 0 ? '' : `, line ${lineAndColumn(text, index).line}`;
}

function lineAndColumn(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, index));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 };
}

// A plain assignment of `__proto__` would change the object's prototype instead of adding a key.
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

// A key is text from a file anyone could have edited: quote it, short and without control characters.
function printableKey(key: string): string {
  return /^[A-Za-z0-9_.-]{1,64}$/.test(key) ? key : JSON.stringify(key.slice(0, 64));
}

function errnoOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

function describeErrno(error: unknown): string {
  switch (errnoOf(error)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOENT':
      return 'no such file or directory';
    default:
      return errnoOf(error) ?? (error instanceof Error ? error.message : String(error));
  }
}
