/**
 * Typed errors the services throw; http/error-handler.ts maps them to the contract's JSON errors
 * in one place, so no handler builds an error body by hand and no stack trace reaches a client.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** For a 503 or 429: when the client may try again (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, field?: string) => new AppError(400, 'invalid_request', message, field);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (message: string, field?: string) => new AppError(409, 'conflict', message, field);
export const unauthorized = (message = 'Missing or invalid bearer token') => new AppError(401, 'unauthorized', message);
export const forbidden = (message: string) => new AppError(403, 'forbidden', message);
/** A send that the rules refuse (opted out, not textable): the caller learns why, nothing is dropped silently. */
export const refused = (message: string, code = 'send_refused') => new AppError(422, code, message);
