// Writing responses the way the SDK expects them: JSON with a JSON content type, errors as
// `{ "message": ... }` (ApiError), and 204 with no body and no content type.
import type { ServerResponse } from 'node:http';

/** An error that becomes an ApiError response with the given status. */
export class ApiHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiHttpError';
  }
}

/** Sends `body` as JSON. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Sends an ApiError body. */
export function sendApiError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { message }, headers);
}

/** Sends 204 No Content. */
export function sendNoContent(res: ServerResponse): void {
  res.writeHead(204);
  res.end();
}
