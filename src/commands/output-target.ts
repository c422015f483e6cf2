import type { RecordFormat } from '../render/formats.js';
import type { RenderTarget } from '../render/process-list.js';
import type { RunContext } from '../run-context.js';
import { InterruptedError } from '../errors.js';

/**
 * A document interrupted while it is written: what went out cannot be taken back, so stdout keeps
 * whole pieces (whole array items, whole lines) and this says the rest is missing (catalogue #46).
 */
export const INCOMPLETE_OUTPUT = 'interrupted while writing the output: stdout holds only its beginning';

/** How output will look, from the run's decisions: format, colour, terminal or pipe, width. */
export function renderTargetFor(format: RecordFormat, ctx: RunContext): RenderTarget {
  return {
    format,
    colour: ctx.stdout.colour,
    stdoutIsTTY: ctx.stdout.isTTY,
    stderrIsTTY: ctx.stderr.isTTY,
    width: ctx.stdout.width,
    now: ctx.now(),
    mask: ctx.secrets.mask,
  };
}

/** Writes rendered output: the document to stdout in one piece; its notes through the run's one rule for notes. */
export function writeRendered(rendered: { stdout: string; notes: readonly string[] }, ctx: RunContext): void {
  for (const note of rendered.notes) ctx.note(note);
  // Interrupted while rendering: nothing has gone out yet, and nothing will.
  if (ctx.signal.aborted && ctx.io.stdout.closed !== true) throw new InterruptedError('interrupted');
  if (rendered.stdout !== '') ctx.io.stdout.write(rendered.stdout);
}

/**
 * Like writeRendered, for a document made in pieces as it is written: each piece goes out once the
 * reader has taken the ones before, so a long listing never sits in memory whole, as one string or
 * as the buffer a write of it needs. Stops making pieces once the reader has gone away (`| head`).
 */
export async function writeStreamed(rendered: { chunks: Iterable<string>; notes: readonly string[] }, ctx: RunContext): Promise<void> {
  for (const note of rendered.notes) ctx.note(note);
  const { stdout } = ctx.io;
  let written = false;
  for (const chunk of rendered.chunks) {
    if (stdout.closed === true) return;
    // Stop at a piece boundary: never half an item, and no more once the run is told to end.
    if (ctx.signal.aborted) throw new InterruptedError(written ? INCOMPLETE_OUTPUT : 'interrupted');
    if (chunk !== '') stdout.write(chunk);
    written ||= chunk !== '';
    await stdout.drained?.();
    // A pipe closed by its reader is reported as an event, which only a turn of the event loop delivers.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
