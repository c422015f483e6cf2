// Applications, used to find app ids. Only the fields hproc shows are validated; the rest
// (auth settings, service config, the embedded build, the app secret) passes through untouched so
// that unrelated changes there cannot break process inspection.
import type * as z from 'zod';
import { list, nullableTimestamp, object, str, timestamp } from './wire.js';

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
  deployment: ApplicationDeploymentSchema.optional(),
});

/** The apps v2 list body. */
export const ApplicationsPageSchema = object({
  applications: list(ApplicationSchema),
});

/** An application, as parsed. */
export type Application = z.output<typeof ApplicationSchema>;
/** An applications page, as parsed. */
export type ApplicationsPage = z.output<typeof ApplicationsPageSchema>;
