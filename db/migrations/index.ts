// Every migration in order. A new one is a new file NNNN_name.ts (the next
// number) added at the end of this list; a test checks the two agree.
import type { Migration } from './migration';
import { migration as m0001 } from './0001_inventory';
import { migration as m0002 } from './0002_builds';
import { migration as m0003 } from './0003_inventory_lifecycle';
import { migration as m0004 } from './0004_settings';
import { migration as m0005 } from './0005_price_observations';
import { migration as m0006 } from './0006_inventory_import_identity';
import { migration as m0007 } from './0007_measurements';
import { migration as m0008 } from './0008_inventory_at_scale';
import { migration as m0010 } from './0010_part_notes';
import { migration as m0011 } from './0011_inventory_totals';

export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0010, m0011];

/** The schema version this build of Rackhive writes. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length === 0 ? 0 : MIGRATIONS[MIGRATIONS.length - 1]!.version;

export type { Migration };
