// A copy of the shared fixture (the SDK's documentation example of a v1 Process). The emulator must
// answer it byte for byte, odd values included: a port above 65535, fractional `port` and
// `roomSlotsAvailable`, and timestamps out of order. The package cannot read the fixture file at
// run time, hence the copy.

/** The seed process exactly as P3 (v1 info) must return it. */
export const SEED_PROCESS_V1 = {
  egressedBytes: 435,
  idleSince: '2023-08-12T23:03:55.423Z',
  activeConnectionsUpdatedAt: '2024-11-01T08:34:16.447Z',
  activeConnections: 10,
  roomsAllocatedUpdatedAt: '2024-04-11T10:37:31.008Z',
  roomsAllocated: 1,
  roomSlotsAvailableUpdatedAt: '2023-07-26T22:41:54.328Z',
  roomSlotsAvailable: 1059.07,
  draining: false,
  terminatedAt: '2023-03-31T11:16:03.717Z',
  stoppingAt: '2023-06-04T01:35:07.870Z',
  startedAt: '2022-10-17T22:52:14.889Z',
  startingAt: '2022-07-24T05:17:09.567Z',
  roomsPerProcess: 3,
  additionalExposedPorts: [{ transportType: 'tcp', port: 72941, host: '1.proxy.hathora.dev', name: 'debug' }],
  exposedPort: { transportType: 'tcp', port: 34567, host: '1.proxy.hathora.dev', name: 'default' },
  port: 7742.34,
  host: 'several-increase.biz',
  region: 'Mumbai',
  processId: 'cbfcddd2-0006-43ae-996c-995fff7bed2e',
  deploymentId: 1,
  appId: 'app-af469a92-5b45-4565-b3c4-b79878de67d2',
} as const;
