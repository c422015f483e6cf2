import type { Ctx } from '../context.js';
import type { RecordFormat } from '../cli/option-groups.js';
import { decideColour } from '../io/colour.js';
import type { RenderTarget } from '../render/process-list.js';

/** Decides, once per command, how output will look: format, colour, terminal or pipe, width. */
export function renderTargetFor(format: RecordFormat, opts: Readonly<Record<string, unknown>>, ctx: Ctx): RenderTarget {
  return {
    format,
    // commander turns --no-color into color: false.
    colour: decideColour({ noColorFlag: opts.color === false, env: ctx.env, isTTY: ctx.io.stdout.isTTY }),
    stdoutIsTTY: ctx.io.stdout.isTTY,
    stderrIsTTY: ctx.io.stderr.isTTY,
    width: ctx.io.stdout.columns,
    now: ctx.now(),
  };
}

/**
 * Writes rendered output: the document to stdout in one piece; notes to stderr, only for a person
 * (a script reading a pipe gets the data and nothing else to filter out).
 */
export function writeRendered(rendered: { stdout: string; notes: readonly string[] }, ctx: Ctx): void {
  if (ctx.io.stderr.isTTY) for (const note of rendered.notes) ctx.io.stderr.write(`hproc: ${note}\n`);
  if (rendered.stdout !== '') ctx.io.stdout.write(rendered.stdout);
}
