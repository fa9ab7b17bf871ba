// The optional eBay Trading API import: keys in the host's key store (never in
// the database, never sent back), and GetOrders one page per call so the
// dialog shows progress and can stop between pages.
import type { Handlers } from '#core/api/contract';
import { ApiFailure } from '#core/api/errors';
import type { EbayKeyStatus } from '#core/api/ebay';
import type { HandlerDeps } from './deps';
import { appIdHint, sessionKeyStore } from '../ebay/keyStore';
import { fetchGetOrdersPage } from '../ebay/getOrders';

type EbayHandlers = Pick<Handlers, 'ebay:keys' | 'ebay:saveKeys' | 'ebay:forgetKeys' | 'ebay:fetchOrders'>;

export function ebayHandlers(deps: HandlerDeps): EbayHandlers {
  const store = deps.ebayKeys ?? sessionKeyStore();
  const status = (): EbayKeyStatus => {
    let keys = null;
    try {
      keys = store.load();
    } catch {
      // keys the keychain can no longer decrypt (another user, a reset keychain) count as none
    }
    return { stored: keys !== null, storage: store.storage, appIdHint: appIdHint(keys) };
  };
  return {
    'ebay:keys': () => status(),
    'ebay:saveKeys': (keys) => {
      try {
        store.save(keys);
      } catch (err) {
        throw new ApiFailure('CONFLICT', err instanceof Error ? err.message : String(err));
      }
      return status();
    },
    'ebay:forgetKeys': () => {
      store.forget();
      return status();
    },
    'ebay:fetchOrders': async ({ page, days }) => {
      let keys = null;
      try {
        keys = store.load();
      } catch {
        throw new ApiFailure('CONFLICT', 'The stored eBay keys can no longer be read from the system keychain. Clear them and enter them again.');
      }
      if (!keys) throw new ApiFailure('CONFLICT', 'No eBay developer keys are stored. Enter your App ID, Dev ID, Cert ID and user token first.');
      const answer = await fetchGetOrdersPage(keys, { page, days, ...(deps.ebayEndpoint ? { endpoint: deps.ebayEndpoint } : {}) });
      return { page, ...answer };
    },
  };
}
