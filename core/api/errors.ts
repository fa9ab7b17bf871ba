// Errors cross every boundary (IPC, HTTP, CLI) as data with a stable code, never
// as thrown objects: the renderer switches on `code`, people read `message`.
import type { FieldIssue } from '../issues';

export type { FieldIssue };

export const ERROR_CODES = [
  'BAD_REQUEST', // arguments failed the channel's schema
  'UNKNOWN_CHANNEL',
  'UNAUTHORIZED', // HTTP host: missing or wrong token
  'FORBIDDEN', // foreign sender / origin / host
  'NOT_FOUND',
  'CONFLICT', // e.g. deleting a part still in use
  'VALIDATION', // domain validation of otherwise well-formed input
  'IMPORT_INVALID', // an imported file is malformed; message names where
  'DB_NEWER', // database written by a newer Rackhive
  'DB_CORRUPT',
  'DISK_FULL',
  'READ_ONLY',
  'LOCKED', // another Rackhive holds the data directory
  'REMOTE', // a remote service (eBay's Trading API) could not be reached or answered with an error
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type ApiResponse<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown inside handlers; hosts turn it into `{ ok: false, error }`. */
export class ApiFailure extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;
  constructor(code: ErrorCode, message: string, issues?: FieldIssue[]) {
    super(message);
    this.name = 'ApiFailure';
    this.code = code;
    this.issues = issues;
  }
  toApiError(): ApiError {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

/** zod issues → FieldIssue[] with dotted paths. */
export function issuesFromZod(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): FieldIssue[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
