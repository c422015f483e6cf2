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

/**
 * Like writeRendered, for a document made in pieces as it is written: each piece goes out once the
 * reader has taken the ones before, so a long listing never sits in memory whole, as one string or
 * as the buffer a write of it needs. Stops making pieces once the reader has gone away (`| head`).
 */
export async function writeStreamed(rendered: { chunks: Iterable<string>; notes: readonly string[] }, ctx: Ctx): Promise<void> {
  if (ctx.io.stderr.isTTY) for (const note of rendered.notes) ctx.io.stderr.write(`hproc: ${note}\n`);
  const { stdout } = ctx.io;
  for (const chunk of rendered.chunks) {
    if (stdout.closed === true) return;
    if (chunk !== '') stdout.write(chunk);
    await stdout.drained?.();
    // A pipe closed by its reader is reported as an event, which only a turn of the event loop delivers.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
