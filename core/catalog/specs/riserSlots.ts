// The slots a riser exposes, apart from its zod schema (riser.ts) so the
// checker's topology does not build the catalog schema to read them.
import type { RiserSpecs } from './riser';

/**
 * The slots a riser exposes, in order: "a", "b", "c" … one per output
 * (a x16 → x4x4x4x4 card gives a–d at x4 each).
 */
export function riserSlots(specs: Pick<RiserSpecs, 'outputs'>): { id: string; lanes: number | null }[] {
  const out: { id: string; lanes: number | null }[] = [];
  for (const o of specs.outputs ?? []) for (let i = 0; i < o.count; i++) out.push({ id: String.fromCharCode(97 + out.length), lanes: o.lanes });
  return out;
}
