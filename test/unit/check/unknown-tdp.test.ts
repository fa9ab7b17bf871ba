// A GPU whose TDP no source gives: the checker must not guess its draw (it once
// assumed 300 W and could call a circuit OK on that guess). It names the part,
// sums what is known as a lower bound ("≥") and says the budget is unchecked;
// the estimate says the same sentence about its draw at load.
import { describe, expect, it } from 'vitest';
import { builtinParts } from '#core/catalog/builtin';
import { EXAMPLE_FILES } from '#core/build/examples';
import { parseBuildValue } from '#core/build/file';
import type { Build } from '#core/build/build';
import { checkBuild } from '#core/check/checkBuild';
import { runEstimate } from '#core/perf/request';

const UNKNOWN_TDP_GPU = 'gpu.nvidia.rtx-4080';

/** The ESC4000 example with its fourth A5000 swapped for a GeForce RTX 4080, whose TDP the catalog leaves unknown. */
function withUnknownTdpGpu(): Build {
  const r = parseBuildValue(structuredClone(EXAMPLE_FILES['asus-esc4000-4x-a5000']));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const b = r.build;
  const devs = b.racks[0]!.chassis[0]!.devices.filter((d) => builtinParts.find((p) => p.id === d.partId)?.category === 'gpu');
  devs[devs.length - 1]!.partId = UNKNOWN_TDP_GPU;
  return b;
}

describe('a GPU of unknown TDP', () => {
  const part = builtinParts.find((p) => p.id === UNKNOWN_TDP_GPU)!;
  it('is the premise: the catalog gives no TDP for it', () => {
    expect(part.category === 'gpu' && part.specs.tdpW).toBeNull();
  });

  const b = withUnknownTdpGpu();
  const known = checkBuild(b, builtinParts, { mainsVolts: 120, circuitAmps: 15 });

  it('adds no guessed watts: the card counts 0 W, flagged, and the sums are lower bounds naming it', () => {
    const c = known.power.chassis[0]!;
    const card = c.components.find((x) => x.what === part.model)!;
    expect(card.tdpUnknown).toBe(true);
    expect(card.peakW).toBe(0);
    expect(c.unknownTdp).toEqual([part.model]);
    expect(known.power.unknownTdp).toEqual([part.model]);
    expect(known.power.racks[0]!.unknownTdp).toEqual([part.model]);
    // Peak = the other parts only (no 300 W stand-in).
    expect(c.peakW).toBeCloseTo(
      c.components.filter((x) => x !== card).reduce((s, x) => s + x.peakW, 0),
      6,
    );
  });

  it('says the PSU budget is unchecked, naming the part, instead of passing it', () => {
    const r = checkBuild(b, builtinParts, { mainsVolts: 230, circuitAmps: 16 });
    const psu = r.findings.find((f) => f.code === 'power.tdp-unknown')!;
    expect(psu.severity).toBe('warning');
    expect(psu.message).toContain(`The TDP of ${part.model} is not known`);
    expect(psu.message).toContain(`≥ ${Math.round(r.power.chassis[0]!.peakW).toLocaleString('en-US')} W`);
    expect(r.findings.map((f) => f.code)).not.toContain('power.psu-tight');
  });

  it('on a 15 A / 120 V circuit the known parts alone nearly fill it: a 300 W guess would have read as an overload, the truth is unchecked', () => {
    const circuit = known.findings.find((f) => f.code === 'power.circuit-unchecked')!;
    expect(circuit.message).toContain(part.model);
    expect(circuit.message).toMatch(/≥ [\d,]+ W from the wall of the 1,440 W/);
    // A PSU whose low-line output is unknown keeps its own finding, with the peak marked as a lower bound.
    expect(known.findings.find((f) => f.code === 'power.psu-rating-unknown')!.message).toContain('≥');
  });

  it('on a circuit with room to spare it is still unchecked, never OK', () => {
    const r = checkBuild(b, builtinParts, { mainsVolts: 230, circuitAmps: 32 });
    const f = r.findings.find((x) => x.code === 'power.circuit-unchecked')!;
    expect(f.severity).toBe('warning');
    expect(f.message).toContain(`The TDP of ${part.model} is not known`);
    expect(r.findings.some((x) => x.code === 'power.circuit-overload')).toBe(false);
  });

  it('the estimate names it with the same sentence', () => {
    const r = runEstimate({}, builtinParts, b);
    if (!r.ok) throw new Error(r.message);
    expect(r.report.powerUnknown).toBe(`the TDP of ${part.model} is not known`);
    const f = checkBuild(b, builtinParts, { mainsVolts: 230, circuitAmps: 32 }).findings.find((x) => x.code === 'power.circuit-unchecked')!;
    expect(f.message.toLowerCase()).toContain(r.report.powerUnknown!.toLowerCase());
  });
});
