// Decoding and parsing JSON text is shared with the config file reader, so it lives in the leaf
// module src/json-text.ts; the client keeps importing it from here.
export { decodeUtf8, findJsonSyntaxError, parseJsonText, type DecodedText } from '../json-text.js';
