// The command registry: adding a command is one file and one line here. These modules are light;
// each loads its heavy parts (HTTP client, schemas, renderers) only when it runs.
import type { CommandSpec } from '../cli/spec.js';
import { appsCommand } from './apps.js';
import { authCommand } from './auth.js';
import { configCommand } from './config.js';
import { deploymentsCommand } from './deployments.js';
import { completionCommand } from './completion.js';
import { emulatorCommand } from './emulator.js';
import { explainCommand } from './explain.js';
import { fleetsCommand } from './fleets.js';
import { listCommand } from './list.js';
import { logsCommand } from './logs.js';
import { metricsCommand } from './metrics.js';
import { roomsCommand } from './rooms.js';
import { showCommand } from './show.js';
import { summaryCommand } from './summary.js';
import { stopCommand } from './stop.js';
import { topCommand } from './top.js';

/** Every command, in the order help lists them. */
export const commandRegistry: readonly CommandSpec[] = [listCommand, showCommand, metricsCommand, roomsCommand, summaryCommand, topCommand, logsCommand, stopCommand, appsCommand, deploymentsCommand, fleetsCommand, configCommand, authCommand, explainCommand, emulatorCommand, completionCommand];
