// Organisations (hathora-api.md §9.5): the ones the token belongs to, with the scopes it holds in
// each and the settings that explain what hproc sees (log retention). Only what hproc reads is
// validated; the billing id and limits pass through untouched.
import type * as z from 'zod';
import { SCOPES } from './enums.js';
import { int, list, object, openEnum, str } from './wire.js';

/** One organisation of the caller (O1 items). */
export const OrganizationSchema = object({
  orgId: str,
  name: str.optional(),
  /** The scopes the caller holds here; required since SDK 2.14.0 (an open enum). */
  scopes: list(openEnum(SCOPES)),
  /** Hours process logs are kept; absent means the API's default. */
  logRetentionPeriodHours: int.optional(),
});

/** The organisations list (O1). */
export const OrgsPageSchema = object({
  orgs: list(OrganizationSchema),
});

/** The log retention the API applies when an organisation does not say (hathora-api.md §9.5). */
export const DEFAULT_LOG_RETENTION_HOURS = 72;

/** An organisation, as parsed. */
export type Organization = z.output<typeof OrganizationSchema>;
/** The organisations list, as parsed. */
export type OrgsPage = z.output<typeof OrgsPageSchema>;
