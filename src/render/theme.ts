import { Chalk } from 'chalk';

/** Styles applied after layout; with colour off every style returns its input unchanged. */
export interface Theme {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  heading(text: string): string;
  warn(text: string): string;
  /** Colours a status by its known meaning; unknown statuses stay uncoloured (design §4). */
  status(status: string, text: string): string;
}

const STATUS_COLOURS: Record<string, 'green' | 'cyan' | 'yellow' | 'red' | 'gray'> = {
  running: 'green',
  starting: 'cyan',
  draining: 'yellow',
  stopping: 'yellow',
  stopped: 'gray',
  failed: 'red',
  active: 'green',
  scheduling: 'cyan',
  destroyed: 'gray',
};

/** Builds a theme; chalk gets an explicit level because it does not honour NO_COLOR by itself. */
export function createTheme(enabled: boolean): Theme {
  const chalk = new Chalk({ level: enabled ? 1 : 0 });
  return {
    enabled,
    bold: (text) => chalk.bold(text),
    dim: (text) => chalk.dim(text),
    heading: (text) => chalk.bold.underline(text),
    warn: (text) => chalk.yellow(text),
    status: (status, text) => {
      const colour = Object.hasOwn(STATUS_COLOURS, status) ? STATUS_COLOURS[status] : undefined;
      return colour === undefined ? text : chalk[colour](text);
    },
  };
}
