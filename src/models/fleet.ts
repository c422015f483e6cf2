// Fleets (hathora-api.md §9.1), read to explain a process: the shape of the nodes it runs on, the
// node autoscaler's settings and, per region, whether the fleet is in error. hproc reads the v1
// model, the only one with `errorState`; its methods are named "…Deprecated" in the SDK but the API
// flags none of them.
import type * as z from 'zod';
import { NODE_SHAPES } from './enums.js';
import { bool, int, list, nullableTimestamp, object, openEnum, record, str } from './wire.js';

/** The node autoscaler's settings: it adds nodes once vCPU utilisation passes the threshold (percent). */
export const AutoscalerConfigSchema = object({
  scaleUpThreshold: int,
});

/** One region's error state (every field undescribed by the SDK; nullable as it declares). */
export const FleetErrorStateSchema = object({
  inError: bool,
  lastErrorMessage: str.nullable(),
  lastErrorLogId: str.nullable(),
  lastErrorTimestamp: nullableTimestamp,
});

/**
 * `errorState`: keyed by wire region names. The SDK (since 2.26.6) knows a closed set of 14 keys and
 * drops others; hproc keeps every key, so an error in a region it does not know still shows.
 */
export const FleetErrorStatesSchema = record(FleetErrorStateSchema);

/** A v1 `Fleet` (F4; items of F8). */
export const FleetSchema = object({
  // A string open enum (`cpu-8-16`, …), a different vocabulary from v2's nodeShapeId.
  nodeShape: openEnum(NODE_SHAPES),
  autoscalerConfig: AutoscalerConfigSchema.optional(),
  name: str,
  orgId: str,
  fleetId: str,
  // Since SDK 2.26.6; older servers do not send it.
  errorState: FleetErrorStatesSchema.optional(),
});

/** The v1 fleet list (F8). */
export const FleetsPageSchema = object({
  fleets: list(FleetSchema),
});

/** A fleet's autoscaler settings, as parsed. */
export type AutoscalerConfig = z.output<typeof AutoscalerConfigSchema>;
/** A region's error state, as parsed. */
export type FleetErrorState = z.output<typeof FleetErrorStateSchema>;
/** A v1 fleet, as parsed. */
export type Fleet = z.output<typeof FleetSchema>;
/** A page of v1 fleets, as parsed. */
export type FleetsPage = z.output<typeof FleetsPageSchema>;
