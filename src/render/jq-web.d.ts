// Types for jq-web (jq compiled to WebAssembly), which ships none.
declare module 'jq-web' {
  /** The loaded jq: `raw` runs a program on JSON text like `jq <flags> <program>` and returns stdout. */
  export interface JqWeb {
    raw(json: string, program: string, flags?: string[]): string | undefined;
  }
  /** The module's export: a promise of the instantiated jq. */
  const jq: Promise<JqWeb>;
  export default jq;
}
