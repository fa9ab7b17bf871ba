// Every migration in order. A new one is a new file NNNN_name.ts (the next
// number) added at the end of this list; a test checks the two agree.
import type { Migration } from './migration';
import { migration as m0001 } from './0001_inventory';

export const MIGRATIONS: readonly Migration[] = [m0001];

/** The schema version this build of Rackhive writes. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length === 0 ? 0 : MIGRATIONS[MIGRATIONS.length - 1]!.version;

export type { Migration };
