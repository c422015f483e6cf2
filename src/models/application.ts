// Applications, used to find app ids and the app's static process allocation. Only the fields hproc
// shows are validated; the rest (auth settings, the autoscaler and load-balancer settings, the
// embedded build, the app secret) passes through untouched so that unrelated changes there cannot
// break process inspection.
import type * as z from 'zod';
import { REGIONS } from './enums.js';
import { bool, int, list, nullableTimestamp, object, openEnum, str, timestamp } from './wire.js';

/** One region's static process allocation: how many processes the app keeps there (§9.4). */
export const StaticProcessAllocationSchema = object({
  autoscalingEnabled: bool.optional(),
  maxProcesses: int,
  targetProcesses: int,
  minProcesses: int,
  region: openEnum(REGIONS),
});

/** The app's service settings (required and nullable on Application); hproc reads only the static allocation. */
export const ServiceConfigSchema = object({
  staticProcessAllocation: list(StaticProcessAllocationSchema),
});

/** The latest deployment embedded in an apps-list item, validated only where hproc reads it. */
export const ApplicationDeploymentSchema = object({
  deploymentId: str,
  buildTag: str.optional(),
  createdAt: timestamp,
});

/** An application (apps v2), with its latest deployment when the list endpoint embeds one. */
export const ApplicationSchema = object({
  appId: str,
  appName: str,
  orgId: str,
  createdAt: timestamp,
  deletedAt: nullableTimestamp,
  // serviceConfig is not validated here: an app list that app discovery depends on must not fail
  // over settings it does not read. The summary validates it on its own (ServiceConfigSchema).
  deployment: ApplicationDeploymentSchema.optional(),
});

/** The apps v2 list body. */
export const ApplicationsPageSchema = object({
  applications: list(ApplicationSchema),
});

/** One region's static process allocation, as parsed. */
export type StaticProcessAllocation = z.output<typeof StaticProcessAllocationSchema>;
/** An application, as parsed. */
export type Application = z.output<typeof ApplicationSchema>;
/** An applications page, as parsed. */
export type ApplicationsPage = z.output<typeof ApplicationsPageSchema>;
