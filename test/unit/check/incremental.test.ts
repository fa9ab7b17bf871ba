// IncrementalCheck re-checks only the chassis an edit touched: its result must
// be exactly what a full checkBuild gives for the edited build, findings in the
// same order, power sums and labels included.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBuildText } from '#core/build/file';
import type { Build } from '#core/build/build';
import { checkerCatalog } from '#core/build/catalog';
import { checkBuild } from '#core/check/checkBuild';
import { IncrementalCheck } from '#core/check/incremental';

const EXAMPLES = fs.readdirSync(new URL('../../../assets/examples/', import.meta.url)).filter((f) => f.endsWith('.json'));
const SITES = [{ mainsVolts: 230, circuitAmps: 32 }, { mainsVolts: 120, circuitAmps: 15 }];

function load(file: string): Build {
  const r = parseBuildText(fs.readFileSync(new URL(`../../../assets/examples/${file}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(file);
  return r.build;
}

const clone = (b: Build): Build => structuredClone(b);

describe('IncrementalCheck', () => {
  for (const file of EXAMPLES)
    for (const site of SITES)
      it(`${file} at ${site.mainsVolts} V / ${site.circuitAmps} A: every one-chassis edit re-checks to the full check's result`, () => {
        const base = load(file);
        const inc = new IncrementalCheck(checkerCatalog, site);
        expect(inc.check(base)).toEqual(checkBuild(base, checkerCatalog, site));
        let build = base;
        const chassis = build.racks.flatMap((r, ri) => r.chassis.map((c, ci) => ({ ri, ci, id: c.id })));
        // At most 12 chassis of a large build, spread over its racks.
        const step = Math.max(1, Math.floor(chassis.length / 12));
        for (let k = 0; k < chassis.length; k += step) {
          const { ri, ci, id } = chassis[k]!;
          // A device taken out…
          let edited = clone(build);
          edited.racks[ri]!.chassis[ci]!.devices.pop();
          expect(inc.recheck(edited, [id]), `${id}: device removed`).toEqual(checkBuild(edited, checkerCatalog, site));
          build = edited;
          // …its PSUs gone (power and the rack's circuits above it change)…
          edited = clone(build);
          edited.racks[ri]!.chassis[ci]!.psus = [];
          expect(inc.recheck(edited, [id]), `${id}: PSUs removed`).toEqual(checkBuild(edited, checkerCatalog, site));
          build = edited;
        }
        // …and the whole build put back, every chassis touched.
        expect(inc.recheck(base, chassis.map((c) => c.id))).toEqual(checkBuild(base, checkerCatalog, site));
      });

  it('going from one chassis to two relabels every device, and the result still equals a full check', () => {
    const one = load(EXAMPLES.find((f) => load(f).racks.reduce((n, r) => n + r.chassis.length, 0) === 1)!);
    const site = SITES[0]!;
    const inc = new IncrementalCheck(checkerCatalog, site);
    inc.check(one);
    const two = clone(one);
    const copy = structuredClone(two.racks[0]!.chassis[0]!);
    copy.id = `${copy.id}-copy`;
    copy.positionU = (copy.positionU ?? 1) + 10;
    copy.devices = copy.devices.map((d) => ({ ...d, id: `${d.id}-copy` }));
    two.racks[0]!.chassis.push(copy);
    expect(inc.recheck(two, [copy.id])).toEqual(checkBuild(two, checkerCatalog, site));
  });
});
