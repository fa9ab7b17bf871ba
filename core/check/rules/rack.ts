// Rack rules: units overlapping or outside the rack, chassis deeper than the
// rack, and the weight limit.
import { agree } from '../../words';
import { partOf, type CatalogIndex } from '../catalog';
import type { RackPlacement } from '../../build/build';
import { finding, n, type Finding } from '../finding';
import { rackSpan, spansOverlap } from '../../build/fit';

export function rackFindings(rack: RackPlacement, catalog: CatalogIndex): Finding[] {
  const out: Finding[] = [];
  const rp = partOf(catalog, rack.partId, 'rack');
  if (!rp) out.push(finding('part.unknown', 'error', [rack.id], `Rack ${rack.id}: part "${rack.partId}" is not in the catalog.`, 'Pick a catalog rack.'));
  const spans = rack.chassis.map((c) => ({ c, ...rackSpan(c, catalog) }));
  for (let i = 0; i < spans.length; i++)
    for (let j = i + 1; j < spans.length; j++) {
      const a = spans[i]!,
        b = spans[j]!;
      if (spansOverlap(a, b))
        out.push(
          finding(
            'rack.overlap',
            'error',
            [rack.id, a.c.id, b.c.id],
            `${a.c.label ?? a.c.id} (U${a.from}–U${a.to}) and ${b.c.label ?? b.c.id} (U${b.from}–U${b.to}) overlap.`,
            'Move one of them to free units.',
          ),
        );
    }
  const heightU = rp?.specs.heightU;
  if (heightU)
    for (const s of spans)
      if (s.to > heightU)
        out.push(
          finding(
            'rack.out-of-range',
            'error',
            [rack.id, s.c.id],
            `${s.c.label ?? s.c.id} would occupy U${s.from}–U${s.to}; the rack has ${heightU} U.`,
            'Move it down or use a taller rack.',
          ),
        );
  const depth = rp?.specs.depthMm;
  let weight = 0;
  let unknownWeight = 0;
  for (const s of spans) {
    const spec = partOf(catalog, s.c.partId, 'chassis')?.specs;
    if (depth && spec?.depthMm && spec.depthMm > depth)
      out.push(
        finding(
          'rack.too-deep',
          'error',
          [rack.id, s.c.id],
          `${s.c.label ?? s.c.id} is ${n(spec.depthMm)} mm deep; the rack is ${n(depth)} mm.`,
          'Use a deeper rack.',
        ),
      );
    if (spec?.weightKg) weight += spec.weightKg;
    else unknownWeight++;
  }
  const max = rp?.specs.maxLoadKg;
  if (max && weight > max)
    out.push(
      finding(
        'rack.overweight',
        'error',
        [rack.id],
        `The chassis in ${rack.label ?? rack.id} weigh ${n(weight)} kg; the rack is rated for ${n(max)} kg (${n(weight - max)} kg over).`,
        'Spread the load over more racks.',
      ),
    );
  else if (max && unknownWeight > 0 && rack.chassis.length > 0)
    out.push(
      finding(
        'rack.weight-unknown',
        'info',
        [rack.id],
        `${weightUnknownText(unknownWeight, rack.chassis.length, rack.label ?? rack.id)}; the ${n(max)} kg limit is not checked.`,
        'Weigh them or enter the weight on the part.',
      ),
    );
  return out;
}

/** "The chassis in Rack 1 has no known weight", "3 of 8 chassis in Rack 2 have no known weight". */
function weightUnknownText(unknown: number, total: number, rackName: string): string {
  if (unknown === total)
    return total === 1 ? `The chassis in ${rackName} has no known weight` : `None of the ${total} chassis in ${rackName} has a known weight`;
  return `${unknown} of ${total} chassis in ${rackName} ${agree(unknown, 'has', 'have')} no known weight`;
}
