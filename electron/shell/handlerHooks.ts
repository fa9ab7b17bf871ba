// The desktop shell watches a few API results, without touching the handlers:
// the theme setting (so native menus, dialogs and the title bar follow the
// app's choice through nativeTheme.themeSource) and changes to the builds list
// (so File → Open Recent stays current). The page and the HTTP host see the
// same table, unchanged.
import type { Channel, Handlers } from '#core/api/contract';
import type { Settings } from '#core/settings/settings';

/** Calls that can change which builds exist or what they are called. */
export const BUILD_LIST_CHANNELS: readonly Channel[] = [
  'builds:create',
  'builds:save',
  'builds:rename',
  'builds:duplicate',
  'builds:delete',
  'builds:restore',
  'builds:import',
  'backups:restore',
];

export interface HandlerHooks {
  onSettings(settings: Settings): void;
  onBuildsChanged(): void;
}

export function withShellHooks(handlers: Handlers, hooks: HandlerHooks): Handlers {
  const wrapped = { ...handlers } as Record<Channel, (args: unknown, ctx: unknown) => unknown>;
  const original = handlers as unknown as Record<Channel, (args: unknown, ctx: unknown) => unknown>;
  const after = (channel: Channel, hook: (result: unknown) => void) => {
    wrapped[channel] = async (args, ctx) => {
      const result = await original[channel](args, ctx);
      try {
        hook(result);
      } catch {
        // a hook never turns a successful call into a failure
      }
      return result;
    };
  };
  after('settings:get', (r) => hooks.onSettings(r as Settings));
  after('settings:update', (r) => hooks.onSettings(r as Settings));
  for (const channel of BUILD_LIST_CHANNELS) {
    after(channel, (r) => {
      if (channel === 'builds:import' && (r as { dryRun?: boolean }).dryRun) return;
      hooks.onBuildsChanged();
    });
  }
  return wrapped as unknown as Handlers;
}
