// v3 deployments, looked up from a process's deploymentId.
import type * as z from 'zod';
import { TRANSPORT_TYPES } from './enums.js';
import { bool, int, list, num, object, openEnum, str, timestamp } from './wire.js';

/** A port the game server listens on inside its container. */
export const ContainerPortSchema = object({
  transportType: openEnum(TRANSPORT_TYPES),
  port: int,
  name: str,
});

/** One runtime environment variable of a deployment (values may be secrets). */
export const DeploymentEnvVarSchema = object({
  value: str,
  name: str,
});

/** A v3 deployment (field order as the API sends it). */
export const DeploymentV3Schema = object({
  fleetId: str.optional(),
  deploymentTag: str.optional(),
  idleTimeoutEnabled: bool,
  env: list(DeploymentEnvVarSchema),
  roomsPerProcess: int,
  additionalContainerPorts: list(ContainerPortSchema),
  defaultContainerPort: ContainerPortSchema,
  createdAt: timestamp,
  createdBy: str,
  requestedGPU: num.optional(),
  experimentalRequestedGPU: num.optional(),
  requestedMemoryMB: num,
  requestedCPU: num,
  deploymentId: str,
  buildTag: str.optional(),
  buildId: str,
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
