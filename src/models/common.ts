// Small bodies shared by several endpoints.
import type * as z from 'zod';
import { num, object, str } from './wire.js';

/** The body of the count endpoints. */
export const CountSchema = object({
  // The API declares a plain number here, not an integer.
  count: num,
});

/** The JSON error body the API sends with listed error statuses. */
export const ApiErrorSchema = object({
  message: str,
});

/** A count body, as parsed. */
export type Count = z.output<typeof CountSchema>;
/** An API error body, as parsed. */
export type ApiError = z.output<typeof ApiErrorSchema>;
