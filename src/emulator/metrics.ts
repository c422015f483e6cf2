// Metric series of a process. Every sample is a pure function of (seed, process id, metric, time),
// so the same query always gets the same answer and overlapping windows agree. Samples exist only
// while the process ran: from startedAt to terminatedAt or, for one still running, to the end of the
// window asked for. Units (not documented by the API, chosen here): cpu in cores, memory in MB,
// rateEgress in bytes per second, totalEgress in bytes since start, activeConnections a count (zero
// while no room is placed). The emulated processes have no GPU, so GPU series are empty.
import type { ProcessMetricName } from './enums.js';
import type { ProcessState } from './model.js';
import { hashString, mix, unitFrom } from './prng.js';
import type { MetricWindow } from './query.js';

/** One sample as the API sends it (`MetricValue`): a value and a Unix time in seconds. */
export interface MetricValueWire {
  value: number;
  timestamp: number;
}

const PERIOD_SECONDS = 3600;

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The sample times of `window` inside the process's life: multiples of `step`. */
export function sampleTimes(process: ProcessState, window: MetricWindow, nowMs: number): number[] {
  if (process.startedAt === null) return [];
  const lifeStart = Math.ceil(process.startedAt / 1000);
  // A process that has not ended keeps running through the window asked for, even past the
  // emulator's clock: a pinned clock may be far behind the client's own now.
  const lifeEnd = Math.floor((process.terminatedAt ?? Math.max(nowMs, window.end * 1000)) / 1000);
  const from = Math.max(window.start, lifeStart);
  const to = Math.min(window.end, lifeEnd);
  const times: number[] = [];
  for (let t = Math.ceil(from / window.step) * window.step; t <= to; t += window.step) times.push(t);
  return times;
}

/** The series of one metric over `window`. */
export function metricSeries(process: ProcessState, seed: number, metric: ProcessMetricName, window: MetricWindow, nowMs: number): MetricValueWire[] {
  if (metric === 'gpuMemory' || metric === 'gpuUtilization') return [];
  const salt = mix(seed, hashString(process.processId));
  const phase = unitFrom(salt, 11) * 2 * Math.PI;
  const baseRate = 2000 + Math.floor(unitFrom(salt, 12) * 38000);
  const startSec = Math.ceil((process.startedAt ?? 0) / 1000);
  const omega = (2 * Math.PI) / PERIOD_SECONDS;
  // A daily-ish wave plus noise: load in [0, 1].
  const load = (t: number): number => Math.min(1, Math.max(0, 0.55 + 0.35 * Math.sin(omega * t + phase) + 0.2 * (unitFrom(salt, t, 13) - 0.5)));
  const valueAt = (t: number): number => {
    switch (metric) {
      case 'cpu':
        return round(process.deployment.requestedCPU * (0.05 + 0.7 * load(t)), 4);
      case 'memory':
        return round(process.deployment.requestedMemoryMB * (0.25 + 0.4 * load(t)), 1);
      case 'activeConnections': {
        // Players connect to rooms: while a process holds no room it has no connection, so an
        // idle process looks idle in its metrics too.
        const ms = t * 1000;
        const rooms = process.rooms.filter((room) => room.scheduledAt <= ms && (room.unscheduledAt === null || room.unscheduledAt > ms)).length;
        return Math.round(rooms * 4 * load(t));
      }
      case 'rateEgress':
        // The derivative of totalEgress below, so the two always agree.
        return Math.round(baseRate * (0.6 + 0.4 * Math.sin(omega * t + phase)));
      case 'totalEgress': {
        const elapsed = t - startSec;
        const wave = (Math.cos(omega * startSec + phase) - Math.cos(omega * t + phase)) / omega;
        return Math.round(baseRate * (0.6 * elapsed + 0.4 * wave));
      }
    }
  };
  return sampleTimes(process, window, nowMs).map((timestamp) => ({ value: valueAt(timestamp), timestamp }));
}
