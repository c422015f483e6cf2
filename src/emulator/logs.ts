// The log of a process: what its game server would have printed, derived from its record (boot,
// rooms coming and going, periodic ticks, the way it ended) plus "live" tick lines for every
// interval the emulator has been running while the process is alive. The same seed gives the same
// history; the live part only grows, so a follower can send what is new at each tick.
import { LOG_RETENTION_MS } from './data.js';
import { isTerminal } from './enums.js';
import type { ProcessState } from './model.js';
import { createRng, hashString, mix, unitFrom } from './prng.js';

/** One log line and the instant it was written. */
export interface LogLine {
  at: number;
  text: string;
}

/** Inputs that decide the live part of a log. */
export interface LiveLogTiming {
  /** The clock's reading when the emulator started (the world's anchor); live lines count from here. */
  liveOrigin: number;
  /** The current clock reading. */
  now: number;
  /** Milliseconds between live lines. */
  intervalMs: number;
}

const SECOND = 1000;
const MAX_HISTORY_TICKS = 20_000;

/** Tells whether a process's log is past retention at `now` (the API answers 410 for it). */
export function isLogExpired(process: ProcessState, now: number): boolean {
  return process.terminatedAt !== null && isTerminal(process.status) && process.terminatedAt < now - LOG_RETENTION_MS;
}

function line(at: number, level: 'INFO' | 'WARN' | 'ERROR' | 'FATAL', message: string): LogLine {
  return { at, text: `${new Date(at).toISOString()} ${level.padEnd(5)} ${message}` };
}

function activeRoomsAt(process: ProcessState, at: number): number {
  return process.rooms.filter((room) => room.scheduledAt <= at && (room.unscheduledAt === null || room.unscheduledAt > at)).length;
}

function tickLine(process: ProcessState, salt: number, at: number): LogLine {
  const rooms = activeRoomsAt(process, at);
  const players = Math.floor(unitFrom(salt, at, 1) * 7) * rooms;
  const frameMs = (8 + unitFrom(salt, at, 2) * 9).toFixed(1);
  const draining = process.stoppingAt !== null && process.stoppingAt <= at;
  return draining
    ? line(at, 'INFO', `draining: waiting for ${rooms} room(s) to end`)
    : line(at, 'INFO', `tick rooms=${rooms} players=${players} frame=${frameMs}ms`);
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / SECOND);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/** Every line the process has written so far, oldest first. */
export function processLog(process: ProcessState, seed: number, timing: LiveLogTiming): LogLine[] {
  const salt = mix(seed, hashString(process.processId));
  const rng = createRng(salt);
  const lines: LogLine[] = [];
  const deployment = process.deployment;
  const port = deployment.defaultContainerPort;

  if (process.bootedAt !== null) {
    const build = deployment.build.buildTag ?? deployment.build.buildId;
    lines.push(line(process.bootedAt, 'INFO', `game server ${build} booting in ${process.region} (${process.roomsPerProcess} rooms per process)`));
    lines.push(line(process.bootedAt + rng.int(50, 300), 'INFO', 'config loaded: LOG_LEVEL=info'));
    lines.push(line(process.bootedAt + rng.int(300, 800), 'INFO', `loading map assets (${rng.int(40, 400)} MB)`));
  }
  if (process.startedAt !== null) {
    lines.push(line(process.startedAt, 'INFO', `listening on ${port.transportType} port ${port.port}`));
    for (const room of process.rooms) {
      lines.push(line(room.scheduledAt, 'INFO', `room ${room.roomId} created`));
      if (room.unscheduledAt !== null) {
        lines.push(line(room.unscheduledAt, 'INFO', `room ${room.roomId} destroyed after ${formatDuration(room.unscheduledAt - room.scheduledAt)}`));
      }
    }
    // History ends where the emulator's clock started; later lines are the live part, on one grid
    // of intervals from that start, beginning after the process did (it may have started since).
    const historyEnd = Math.min(process.terminatedAt ?? timing.liveOrigin, timing.liveOrigin);
    const span = historyEnd - process.startedAt;
    const every = Math.max(30 * SECOND, Math.ceil(span / MAX_HISTORY_TICKS));
    for (let at = process.startedAt + every; at < historyEnd; at += every) lines.push(tickLine(process, salt, at));

    const liveEnd = Math.min(timing.now, process.stopRequestedAt ?? Infinity, process.terminatedAt ?? Infinity);
    if (process.terminatedAt === null || process.terminatedAt > timing.liveOrigin) {
      const skipped = Math.max(0, Math.floor((process.startedAt - timing.liveOrigin) / timing.intervalMs));
      for (let at = timing.liveOrigin + (skipped + 1) * timing.intervalMs; at <= liveEnd; at += timing.intervalMs) lines.push(tickLine(process, salt, at));
    }
  }
  if (process.stoppingAt !== null) {
    lines.push(line(process.stoppingAt, 'INFO', `received SIGTERM, draining ${activeRoomsAt(process, process.stoppingAt)} room(s)`));
  }
  if (process.terminatedAt !== null) lines.push(...endingLines(process));
  return lines.sort((a, b) => a.at - b.at);
}

function endingLines(process: ProcessState): LogLine[] {
  const end = process.terminatedAt ?? 0;
  if (process.status === 'stopped') return [line(end, 'INFO', 'shutdown complete, exiting with code 0')];
  switch (process.failure) {
    case 'oom':
      return [line(end - 1500, 'WARN', `memory usage at 97% of the ${process.deployment.requestedMemoryMB} MB limit`)];
    case 'segfault':
      return [line(end - 3, 'FATAL', 'segmentation fault in physics step')];
    case 'error':
      return [line(end - 3, 'ERROR', "unhandled exception: TypeError: cannot read properties of undefined (reading 'players')")];
    case 'no-port':
      return process.bootedAt === null ? [] : [line(process.bootedAt + 1000, 'WARN', 'waiting for the matchmaker before opening the game port')];
    default:
      return [];
  }
}

/** Renders lines as the byte stream sends them: one line each, newline-terminated. */
export function renderLogLines(lines: readonly LogLine[]): string {
  return lines.map((entry) => `${entry.text}\n`).join('');
}
