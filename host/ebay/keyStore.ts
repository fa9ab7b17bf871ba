// Where the user's eBay developer keys and token live. The desktop app keeps
// them encrypted with the OS keychain (electron/ebayKeys.ts); the browser host
// has no keychain, so it keeps them in memory only, for as long as the host
// runs, and never writes them anywhere. Never in the database.
import type { TradingApiKeys } from './getOrders';

export interface EbayKeyStore {
  readonly storage: 'keychain' | 'session' | 'unavailable';
  load(): TradingApiKeys | null;
  /** Throws when the keys cannot be kept safely. */
  save(keys: TradingApiKeys): void;
  forget(): void;
}

/** Keys in this process's memory only: the browser host's store. */
export function sessionKeyStore(): EbayKeyStore {
  let keys: TradingApiKeys | null = null;
  return {
    storage: 'session',
    load: () => keys,
    save: (next) => void (keys = { ...next }),
    forget: () => void (keys = null),
  };
}

/** The App ID's first characters: enough to tell which keys are stored, too little to use. */
export function appIdHint(keys: TradingApiKeys | null): string | null {
  if (!keys) return null;
  return keys.appId.length <= 8 ? `${keys.appId.slice(0, 2)}…` : `${keys.appId.slice(0, 8)}…`;
}
