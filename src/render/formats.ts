/** The output formats every listing and detail command offers. */
export const OUTPUT_FORMATS = ['table', 'wide', 'json', 'ndjson'] as const;

/** One of OUTPUT_FORMATS. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The formats of commands that print records (list, show): OUTPUT_FORMATS plus CSV and TSV. */
export const RECORD_FORMATS = [...OUTPUT_FORMATS, 'csv', 'tsv'] as const;

/** One of RECORD_FORMATS. */
export type RecordFormat = (typeof RECORD_FORMATS)[number];
