// Building blocks shared by every spec schema. Unknown facts are null, never 0:
// each numeric field is nullable and must be written out explicitly in data files.
import { z } from 'zod';

/** A non-negative measured quantity; null = not known (shown as "unknown"). */
export const qty = () => z.number().nonnegative().nullable();

/** A whole count (lanes, ports, cores); null = not known. */
export const count = () => z.number().int().nonnegative().nullable();

/** PCIe generation 1–6; null = not known. */
export const pcieGen = () => z.number().int().min(1).max(6).nullable();

/** A PCIe link width as people write it (x1 … x16); null = not known. */
export const pcieLanes = () => z.union([z.literal(1), z.literal(2), z.literal(4), z.literal(8), z.literal(16), z.literal(32)]).nullable();

/** Yes/no fact that may be unknown. */
export const flag = () => z.boolean().nullable();

export const text = () => z.string().min(1).nullable();
