// The single path every API call takes, whichever host received it: known
// channel → arguments parsed by the contract's schema → handler → errors as data.
// Hosts add their own checks (sender frame, token, Host/Origin) before this.
import { contract, isChannel, type HandlerContext, type Handlers } from '#core/api/contract';
import { ApiFailure, issuesFromZod, type ApiResponse } from '#core/api/errors';

export async function dispatch(handlers: Handlers, channel: string, rawArgs: unknown, ctx: HandlerContext): Promise<ApiResponse<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `No such API channel: ${JSON.stringify(channel).slice(0, 80)}` } };
  }
  const parsed = contract[channel].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error.issues);
    const first = issues[0];
    const where = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : 'invalid arguments';
    return { ok: false, error: { code: 'BAD_REQUEST', message: `${channel}: ${where}`, issues } };
  }
  try {
    const handler = handlers[channel] as (args: unknown, ctx: HandlerContext) => unknown;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toApiError(err) };
  }
}

/** Maps thrown errors to stable codes; SQLite's own codes become user-facing ones. */
export function toApiError(err: unknown): { code: ApiFailure['code']; message: string; issues?: ApiFailure['issues'] } {
  if (err instanceof ApiFailure) return err.toApiError();
  const sqliteCode = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (sqliteCode === 'SQLITE_FULL') return { code: 'DISK_FULL', message: 'The disk is full: nothing was saved. Free some space and try again.' };
  if (sqliteCode.startsWith('SQLITE_READONLY')) return { code: 'READ_ONLY', message: 'The data folder is read-only: nothing was saved.' };
  if (sqliteCode === 'SQLITE_CORRUPT' || sqliteCode === 'SQLITE_NOTADB')
    return { code: 'DB_CORRUPT', message: 'The database file is damaged. Restore a backup from Settings.' };
  if (sqliteCode.startsWith('SQLITE_IOERR')) return { code: 'DISK_FULL', message: `A disk write failed (${sqliteCode}): nothing was saved.` };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `Internal error: ${message}` };
}
