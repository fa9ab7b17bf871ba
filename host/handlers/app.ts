import type { Handler } from '#core/api/contract';
import { APP_VERSION } from '#core/version';
import type { HandlerDeps } from './deps';

export function appHandlers(deps: HandlerDeps): { 'app:info': Handler<'app:info'> } {
  return {
    'app:info': () => ({
      name: 'Rackhive',
      version: APP_VERSION,
      host: deps.host,
      dataDir: deps.dataDir,
      databasePath: deps.databasePath,
      schemaVersion: Number(deps.db.pragma('user_version', { simple: true })),
    }),
  };
}
