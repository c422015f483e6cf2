declare const __HPROC_VERSION__: string | undefined;

/** hproc's version: put in at build time from package.json; tests running the sources see `0.0.0-dev`. */
export const VERSION: string = typeof __HPROC_VERSION__ === 'string' ? __HPROC_VERSION__ : '0.0.0-dev';
