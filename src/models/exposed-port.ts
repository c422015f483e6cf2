// The public endpoint of a process. The SDK has one copy of this type per process model (they only
// exist because the spec wraps a nullable reference); they are identical, so one schema serves all.
import type * as z from 'zod';
import { TRANSPORT_TYPES } from './enums.js';
import { int, object, openEnum, str } from './wire.js';

/** A public endpoint of a process: transport, port, host and name. */
export const ExposedPortSchema = object({
  transportType: openEnum(TRANSPORT_TYPES),
  // No range: the API declares none, and its own examples use ports above 65535.
  port: int,
  host: str,
  name: str,
});

/** A public endpoint of a process, as parsed. */
export type ExposedPort = z.output<typeof ExposedPortSchema>;
