// Settings channels over the database: core checks the draft, the repository stores it.
import type { Handler } from '#core/api/contract';
import { ApiFailure } from '#core/api/errors';
import { applySettingsDraft } from '#core/settings/settings';
import { getSettings, saveSettings } from '#db/repositories/settings';
import type { HandlerDeps } from './deps';

export function settingsHandlers(deps: HandlerDeps): { 'settings:get': Handler<'settings:get'>; 'settings:update': Handler<'settings:update'> } {
  return {
    'settings:get': () => getSettings(deps.db),
    'settings:update': (draft) => {
      const result = applySettingsDraft(getSettings(deps.db), draft);
      if (!result.ok) {
        const first = result.issues[0];
        throw new ApiFailure(
          'VALIDATION',
          result.issues.length === 1 && first ? first.message : `${result.issues.length} fields need attention`,
          result.issues,
        );
      }
      return saveSettings(deps.db, result.value, deps.now());
    },
  };
}
