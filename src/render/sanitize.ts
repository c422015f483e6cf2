// The sanitiser is a pure string function used beyond render (config warnings, error messages), so it
// lives in the leaf module src/sanitize.ts; render's modules keep importing it from here.
export { escapeJsonForTerminal, sanitizeBlock, sanitizeCell } from '../sanitize.js';
