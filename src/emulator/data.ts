// Ids that stay the same whatever the seed, so tests, docs and the demo can name them.

/**
 * The pinned clock (2026-11-01T00:00:00Z): where an in-process emulator's clock starts unless told
 * otherwise, so tests see the same world on every run and machine. `hproc emulator` starts at the
 * real now instead.
 */
export const FIXED_EPOCH_MS = Date.UTC(2026, 10, 1, 0, 0, 0, 0);

/** The earliest clock start accepted: the emulated apps have deployments from 2025 on. */
export const EARLIEST_CLOCK_MS = Date.UTC(2026, 0, 1, 0, 0, 0, 0);

/** Logs of processes that ended before this instant are gone (the API's default retention is 72 h). */
export const LOG_RETENTION_MS = 72 * 60 * 60 * 1000;

/** The bearer token the emulator accepts unless told otherwise. */
export const DEFAULT_EMULATOR_TOKEN = 'hproc-emulator-token';

/** The organisation that owns every emulated app. */
export const EMULATOR_ORG_ID = 'org-6f706d3a-8a3c-4f5e-9d1a-2b7c4e9f0a11';

/** The largest app: the seed process plus 72 generated processes in every region and status. */
export const BIG_APP_ID = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';

/** A second app with 12 processes. */
export const SECOND_APP_ID = 'app-3c1d52e7-94b8-4f0a-a6d2-7e58b1c0f934';

/** An app that has no deployment and no process. */
export const EMPTY_APP_ID = 'app-0e9b7f21-5d4c-4a83-b1f6-c2a9d8e37b50';

/** The process of the shared fixture (the SDK's documentation example), in the big app. */
export const SEED_PROCESS_ID = 'cbfcddd2-0006-43ae-996c-995fff7bed2e';

/** A running process of the big app with rooms, connections and a long log. */
export const RUNNING_PROCESS_ID = '7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15';

/** A failed process of the big app (killed for running out of memory). */
export const FAILED_PROCESS_ID = 'e21b9d4c-7f30-4a6e-8c5d-1b9a0f3e6d72';

/** A starting process of the big app (no port yet). */
export const STARTING_PROCESS_ID = '4a8c6e10-2d9b-4f57-b3e1-6c0d5a7f9e28';

/** A draining process of the big app. */
export const DRAINING_PROCESS_ID = '9b5e2f71-0c4a-4d83-a6f9-2e7b1d8c3a40';

/** A process of the big app that is being stopped. */
export const STOPPING_PROCESS_ID = 'c6a0d3e9-4b72-4e1f-8d25-9f3b6a1c0e57';

/** A recently stopped process of the big app whose log can still be downloaded. */
export const STOPPED_PROCESS_ID = '2f9e7b30-6a1d-4c58-b0e4-7d3c9a2f1b86';

/** An old stopped process of the big app whose log has expired (410). */
export const EXPIRED_PROCESS_ID = 'a07c4e52-9d3b-4a16-8f70-5e2d1b9c6f33';

/** A running process of the second app. */
export const SECOND_APP_RUNNING_PROCESS_ID = '63d1a8f4-0e5b-4c92-a7d6-8b4f2e0c1a59';
