// electron/ebayKeys.ts with Electron's safeStorage mocked: the keys are written
// only encrypted (never in clear, never in the database), readable again with
// the keychain, refused when there is no real keychain (Linux "basic_text"),
// and gone after forget. Through the handlers the keys never come back out.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const h = vi.hoisted(() => {
  const state = { available: true, backend: 'gnome_libsecret' as string };
  // A reversible stand-in for the OS keychain's encryption: bytes that do not contain the clear text.
  const encryptString = vi.fn((text: string) => Buffer.from([...Buffer.from(text, 'utf8')].map((b) => b ^ 0x5a)));
  const decryptString = vi.fn((data: Buffer) => Buffer.from([...data].map((b) => b ^ 0x5a)).toString('utf8'));
  const safeStorage = {
    isEncryptionAvailable: vi.fn(() => state.available),
    getSelectedStorageBackend: vi.fn(() => state.backend),
    encryptString,
    decryptString,
  };
  return { state, safeStorage };
});
vi.mock('electron', () => ({ safeStorage: h.safeStorage }));

import { EBAY_KEYS_FILE, keychainKeyStore } from '../../electron/ebayKeys';
import { createHandlers } from '#host/handlers/index';
import { dispatch } from '#host/dispatch';
import { closeAppDatabase, openAppDatabase } from '#db/app';

const KEYS = {
  appId: 'RackhiveT-Rackhive-PRD-1a2b3c4d5-6e7f8a9b',
  devId: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
  certId: 'PRD-1a2b3c4d5e6f-7a8b-9c0d',
  token: 'AgAAAA**AQAAAA**' + 'y'.repeat(80),
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rackhive-ebaykeys-'));
  h.state.available = true;
  h.state.backend = 'gnome_libsecret';
  vi.clearAllMocks();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the keychain store for eBay keys', () => {
  it('writes the keys only encrypted, reads them back, and forgets them', () => {
    const store = keychainKeyStore(dir);
    expect(store.storage).toBe('keychain');
    expect(store.load()).toBeNull();
    store.save(KEYS);
    const file = path.join(dir, EBAY_KEYS_FILE);
    const bytes = fs.readFileSync(file);
    expect(h.safeStorage.encryptString).toHaveBeenCalledTimes(1);
    expect(bytes.toString('utf8')).not.toContain(KEYS.token);
    expect(bytes.toString('latin1')).not.toContain(KEYS.certId);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o077).toBe(0);
    expect(fs.readdirSync(dir)).toEqual([EBAY_KEYS_FILE]);
    expect(store.load()).toEqual(KEYS);
    store.forget();
    expect(fs.existsSync(file)).toBe(false);
    expect(store.load()).toBeNull();
  });

  it('refuses to store keys without a real keychain', () => {
    h.state.available = false;
    const store = keychainKeyStore(dir);
    expect(store.storage).toBe('unavailable');
    expect(() => store.save(KEYS)).toThrow(/system keychain is not available/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('counts Linux without a keyring (basic_text) as no keychain', () => {
    h.state.backend = 'basic_text';
    const store = keychainKeyStore(dir);
    expect(store.storage).toBe('unavailable');
    expect(() => store.save(KEYS)).toThrow(/not available/);
  });

  it('through the handlers: status says keychain, the keys never come back, a refused save is a CONFLICT with the reason', async () => {
    const app = await openAppDatabase(dir, { now: () => new Date('2024-06-01T00:00:00Z') });
    try {
      const handlers = createHandlers({
        db: app.db,
        dataDir: dir,
        databasePath: app.path,
        host: 'electron',
        now: () => new Date(),
        ebayKeys: keychainKeyStore(dir),
      });
      const call = (channel: string, args: unknown) => dispatch(handlers, channel, args, { host: 'electron' });
      const saved = await call('ebay:saveKeys', KEYS);
      expect(saved).toEqual({ ok: true, value: { stored: true, storage: 'keychain', appIdHint: 'Rackhive…' } });
      // The database file holds no key.
      app.db.pragma('wal_checkpoint(TRUNCATE)');
      expect(fs.readFileSync(app.path).includes(Buffer.from(KEYS.token))).toBe(false);
      h.state.available = false;
      const refused = await call('ebay:saveKeys', KEYS);
      expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/system keychain is not available/) } });
    } finally {
      closeAppDatabase(app.db);
    }
  });
});
