// The user's eBay developer keys and token for the optional GetOrders import,
// encrypted with the OS keychain (Electron safeStorage) into a file in the data
// folder; never in the database, never in clear. Without keychain encryption
// available they are not stored at all. On Linux without a keyring Electron
// falls back to a hard-coded password ("basic_text"): that is not safe, so it
// counts as unavailable too.
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { TradingApiKeys } from '#host/ebay/getOrders';
import type { EbayKeyStore } from '#host/ebay/keyStore';

export const EBAY_KEYS_FILE = 'ebay-keys.bin';

function keychainUsable(): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (process.platform === 'linux' && typeof safeStorage.getSelectedStorageBackend === 'function') {
    return safeStorage.getSelectedStorageBackend() !== 'basic_text';
  }
  return true;
}

export function saveEbayKeys(dataDir: string, keys: TradingApiKeys): void {
  if (!keychainUsable()) throw new Error('The system keychain is not available, so eBay keys cannot be stored safely; they were not saved.');
  const file = path.join(dataDir, EBAY_KEYS_FILE);
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, safeStorage.encryptString(JSON.stringify(keys)), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function loadEbayKeys(dataDir: string): TradingApiKeys | null {
  const file = path.join(dataDir, EBAY_KEYS_FILE);
  if (!fs.existsSync(file) || !safeStorage.isEncryptionAvailable()) return null;
  return JSON.parse(safeStorage.decryptString(fs.readFileSync(file))) as TradingApiKeys;
}

export function forgetEbayKeys(dataDir: string): void {
  fs.rmSync(path.join(dataDir, EBAY_KEYS_FILE), { force: true });
}

/** The desktop app's key store over the data folder. */
export function keychainKeyStore(dataDir: string): EbayKeyStore {
  return {
    get storage() {
      return keychainUsable() ? 'keychain' : 'unavailable';
    },
    load: () => loadEbayKeys(dataDir),
    save: (keys) => saveEbayKeys(dataDir, keys),
    forget: () => forgetEbayKeys(dataDir),
  };
}
