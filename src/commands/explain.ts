import { defineCommand } from '../cli/spec.js';
import { UsageError } from '../errors.js';
import { closestFolded } from '../near-names.js';

/** Validated options of `hproc explain`. */
export interface ExplainOptions {
  /** `Model`, `Model.field`, or undefined to list the models. */
  path: string | undefined;
  colour: boolean;
  /** The terminal's width; undefined when piped (nothing is cut or wrapped). */
  width: number | undefined;
}

/** `hproc explain [Model[.field]]`: what a field means, and what replaces a deprecated one. */
export const explainCommand = defineCommand<ExplainOptions>({
  name: 'explain',
  summary: 'explain a model or field: type, nullability, meaning, deprecation',
  description:
    'Explain the API models hproc reads: with no argument, the models; with a model, its fields; with\n' +
    'Model.field, the field\'s type, whether it may be null or absent, which API generations have it,\n' +
    'what it means, and whether it is deprecated and what to use instead. Needs no token or network.',
  args: [{ name: 'path', description: 'Model or Model.field, e.g. Process.activeConnections', required: false }],
  options: [{ flags: '--no-color', description: 'no colour (also: NO_COLOR=1)' }],
  examples: [
    { description: 'the models', command: 'hproc explain' },
    { description: 'the fields of the v1 process, deprecated ones marked', command: 'hproc explain Process' },
    { description: 'one deprecated field and what replaces it', command: 'hproc explain Process.activeConnections' },
    { description: 'a field of a nested model', command: 'hproc explain ProcessV3.exposedPort.host' },
  ],
  toOptions: ({ args }, ctx) => {
    const path = args[0];
    if (path !== undefined && !/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/.test(path)) {
      throw new UsageError(`'${path}' is not a Model or Model.field path`, { hint: 'for example: hproc explain Process.activeConnections' });
    }
    return {
      path,
      colour: ctx.stdout.colour,
      width: ctx.stdout.isTTY ? (ctx.stdout.width ?? 80) : undefined,
    };
  },
  run: async (options, ctx) => {
    // Field docs and the registry are plain data; loading them here keeps them off the --help path.
    const [{ resolveExplainPath }, render] = await Promise.all([import('../models/model-docs.js'), import('../render/explain.js')]);
    if (options.path === undefined) {
      ctx.io.stdout.write(render.renderModelList(options.colour, options.width));
      return;
    }
    const target = resolveExplainPath(options.path);
    if (!('kind' in target)) {
      const near = target.unknown === undefined ? undefined : closestFolded(target.unknown, target.validNames);
      const valid = `valid names: ${target.validNames.join(', ')}`;
      throw new UsageError(target.message, target.validNames.length > 0 ? { hint: near === undefined ? valid : `did you mean ${near}? ${valid}` } : {});
    }
    ctx.io.stdout.write(
      target.kind === 'model'
        ? render.renderModelFields(target.model, options.colour)
        : await render.renderField(target.model, target.field, target.doc, target.path, options.colour, options.width),
    );
  },
});
