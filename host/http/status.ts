// HTTP status for an error code. Clients read the JSON body (`{ ok, error }`)
// either way; the status is for people with curl and for logs.
import type { ErrorCode } from '#core/api/errors';

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNKNOWN_CHANNEL: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VALIDATION: 422,
  IMPORT_INVALID: 422,
  DB_NEWER: 409,
  DB_CORRUPT: 500,
  DISK_FULL: 507,
  READ_ONLY: 503,
  LOCKED: 423,
  REMOTE: 502,
  INTERNAL: 500,
};

export function statusForError(code: ErrorCode): number {
  return STATUS[code];
}
