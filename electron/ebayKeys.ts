// The user's eBay developer keys and token for the optional GetOrders import,
// encrypted with the OS keychain (Electron safeStorage) into a file in the data
// folder; never in the database, never in clear. Without keychain encryption
// available they are not stored at all.
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { TradingApiKeys } from '#host/ebay/getOrders';

const FILE = 'ebay-keys.bin';

export function saveEbayKeys(dataDir: string, keys: TradingApiKeys): void {
  if (!safeStorage.isEncryptionAvailable()) throw new Error('The system keychain is not available, so eBay keys cannot be stored safely; they were not saved.');
  fs.writeFileSync(path.join(dataDir, FILE), safeStorage.encryptString(JSON.stringify(keys)), { mode: 0o600 });
}

export function loadEbayKeys(dataDir: string): TradingApiKeys | null {
  const file = path.join(dataDir, FILE);
  if (!fs.existsSync(file) || !safeStorage.isEncryptionAvailable()) return null;
  return JSON.parse(safeStorage.decryptString(fs.readFileSync(file))) as TradingApiKeys;
}

export function forgetEbayKeys(dataDir: string): void {
  fs.rmSync(path.join(dataDir, FILE), { force: true });
}
