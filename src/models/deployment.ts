// v3 deployments, looked up from a process's deploymentId.
import type * as z from 'zod';
import { TRANSPORT_TYPES } from './enums.js';
import { bool, count, int, list, num, object, openEnum, str, timestamp } from './wire.js';

/** A port the game server listens on inside its container. */
export const ContainerPortSchema = object({
  transportType: openEnum(TRANSPORT_TYPES),
  port: int,
  name: str,
});

/** One runtime environment variable of a deployment (values may be secrets). */
export const DeploymentEnvVarSchema = object({
  name: str,
  value: str,
});

/** A v3 deployment. */
export const DeploymentV3Schema = object({
  deploymentId: str,
  roomsPerProcess: count,
  requestedCPU: num,
  requestedMemoryMB: num,
  requestedGPU: num.optional(),
  experimentalRequestedGPU: num.optional(),
  idleTimeoutEnabled: bool,
  defaultContainerPort: ContainerPortSchema,
  additionalContainerPorts: list(ContainerPortSchema),
  env: list(DeploymentEnvVarSchema),
  fleetId: str.optional(),
  deploymentTag: str.optional(),
  buildId: str,
  buildTag: str.optional(),
  createdAt: timestamp,
  createdBy: str,
  appId: str,
});

/** One page of the v3 deployment list. */
export const DeploymentsV3PageSchema = object({
  deployments: list(DeploymentV3Schema),
  nextPageToken: str.optional(),
});

/** A container port, as parsed. */
export type ContainerPort = z.output<typeof ContainerPortSchema>;
/** A v3 deployment, as parsed. */
export type DeploymentV3 = z.output<typeof DeploymentV3Schema>;
/** A page of v3 deployments, as parsed. */
export type DeploymentsV3Page = z.output<typeof DeploymentsV3PageSchema>;
