// The API's date-time check, kept free of zod so that flag parsing can reuse it.
//
// The official SDK validates with zod 3's `string().datetime({ offset: true })`; zod 4's
// `iso.datetime` is stricter (it rejects `+0530` offsets and times without seconds), so the zod 3
// pattern is reproduced here: calendar-checked date (leap years included), `T`, hours and minutes,
// optional seconds with any number of fraction digits, then `Z` or a `±hh:mm` / `±hhmm` offset.
const DATE = String.raw`(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8])))`;
const TIME = String.raw`(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?`;
const ZONE = String.raw`(?:Z|[+-]\d{2}:?\d{2})`;

/** The pattern every API timestamp must match: ISO-8601 date-time with a zone designator. */
export const TIMESTAMP_PATTERN = new RegExp(`^${DATE}T${TIME}${ZONE}$`);

/** Whether `value` is a timestamp string the official SDK would accept. */
export function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && TIMESTAMP_PATTERN.test(value);
}
