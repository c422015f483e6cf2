// The program and its commands as one lazily loaded piece: main.ts imports this once commander is
// needed, so the bundle has one entry (one chunk and fewer shared ones) on the way to help or a command.
export { buildProgram, translateCommanderError } from './cli/program.js';
export { commandRegistry } from './commands/index.js';
