// Test databases built the way production builds them: a real file in a fresh
// temporary folder, opened with the real settings and every real migration.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { openDatabase } from '#db/open';
import { migrate } from '#db/migrate';
import { syncBuiltinParts, type StorablePart } from '#db/repositories/parts';

/** A fresh temporary folder; removed by `cleanupTempDirs`. */
const made: string[] = [];
export function makeTempDir(prefix = 'rackhive-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** A fixed clock that moves one second per call: deterministic, yet ordered. */
export function steppingClock(start = '2024-06-01T12:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => {
    const d = new Date(t);
    t += 1000;
    return d;
  };
}

/** A few real parts, shaped like catalog parts (only the fields the store reads, plus specs). */
export const FIXTURE_PARTS: StorablePart[] = [
  {
    id: 'gpu.nvidia.rtx-3090',
    category: 'gpu',
    vendor: 'NVIDIA',
    model: 'GeForce RTX 3090',
    revision: 1,
    typicalUsedPrice: { amountMinor: 70000, currency: 'USD' },
  },
  { id: 'gpu.nvidia.tesla-p40', category: 'gpu', vendor: 'NVIDIA', model: 'Tesla P40', revision: 1, typicalUsedPrice: null },
  { id: 'gpu.nvidia.rtx-a5000', category: 'gpu', vendor: 'NVIDIA', model: 'RTX A5000', revision: 1, typicalUsedPrice: null },
  { id: 'cpu.intel.xeon-e5-2690-v4', category: 'cpu', vendor: 'Intel', model: 'Xeon E5-2690 v4', revision: 1, typicalUsedPrice: null },
  { id: 'nic.nvidia.connectx-3-fdr', category: 'nic', vendor: 'Mellanox', model: 'ConnectX-3 FDR', revision: 1, typicalUsedPrice: null },
  {
    id: 'board.supermicro.x10drg-o-pcie',
    category: 'board',
    vendor: 'Supermicro',
    model: 'X10DRG-O-PCIE',
    revision: 1,
    typicalUsedPrice: { amountMinor: 70000, currency: 'USD' },
  },
];

export interface TestDb {
  db: Database.Database;
  file: string;
  dir: string;
}

/** A migrated database file in a fresh temp folder, with the fixture parts unless `parts` says otherwise. */
export async function openTestDb(options: { parts?: readonly StorablePart[] } = {}): Promise<TestDb> {
  const dir = makeTempDir();
  const file = path.join(dir, 'rackhive.db');
  const db = openDatabase(file);
  await migrate(db);
  syncBuiltinParts(db, options.parts ?? FIXTURE_PARTS, new Date('2024-06-01T00:00:00Z'));
  return { db, file, dir };
}

export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
