// How long the organisation keeps process logs, to explain a 410 from the logs endpoints. The API
// tells it per organisation (`logRetentionPeriodHours`); only when an organisation does not say does
// the API's default of 72 hours apply (hathora-api.md §9.5). Asked only once a log is gone.
import type { ApiClient } from './client.js';
import { getApp } from './apps.js';
import { listOrgs } from './orgs.js';
import { HprocError, InterruptedError } from '../errors.js';

/** The hint for a log past retention: the app's organisation's retention, when the API tells it. */
export async function logRetentionHint(client: ApiClient, appId: string): Promise<string> {
  const { DEFAULT_LOG_RETENTION_HOURS } = await import('../models/organization.js');
  const unknownRetention = (hours: number): string => `Hathora keeps process logs for the organisation's retention period (${hours} hours unless it sets another)`;
  try {
    const orgs = (await listOrgs(client)).data;
    // One organisation is the token's; with several, the app's own is the one that counts.
    const org = orgs.length === 1 ? orgs[0] : await findAppOrg(client, appId, orgs);
    if (org === undefined) return `${unknownRetention(DEFAULT_LOG_RETENTION_HOURS)}; hproc could not tell which organisation the app belongs to`;
    const hours = org.logRetentionPeriodHours;
    if (hours === undefined) return `Hathora keeps process logs for ${DEFAULT_LOG_RETENTION_HOURS} hours (the API's default: this organisation sets no retention of its own)`;
    // Any integer is accepted, as the SDK does; a figure below zero is shown as sent and said to be wrong.
    if (hours < 0) return `this organisation's log retention is ${hours} hours as the API sent it, which cannot be right`;
    return `this organisation keeps process logs for ${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  } catch (error) {
    if (error instanceof InterruptedError || !(error instanceof HprocError)) throw error;
    return `${unknownRetention(DEFAULT_LOG_RETENTION_HOURS)}; hproc could not read it: ${error.message}`;
  }
}

async function findAppOrg<O extends { orgId: string }>(client: ApiClient, appId: string, orgs: readonly O[]): Promise<O | undefined> {
  const { orgId } = (await getApp(client, appId)).data;
  return orgs.find((org) => org.orgId === orgId);
}
