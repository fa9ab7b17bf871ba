// Findings grouped by what they say (one row per code and message shape), the
// Groq verdict (fit and power, one number each), on the shipped examples.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBuildText } from '#core/build/file';
import type { Build } from '#core/build/build';
import { builtinParts } from '#core/catalog/builtin';
import { indexCatalog } from '#core/check/catalog';
import { checkBuild } from '#core/check/checkBuild';
import { groupFindings, messageShape, severityCounts } from '#core/check/findingGroups';
import { peakPowerText, powerText } from '#core/check/powerFigures';
import { contextText, sramFit, sramVerdict } from '#core/perf/sramVerdict';

function load(name: string): Build {
  const r = parseBuildText(readFileSync(new URL(`../../../assets/examples/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.build;
}
const check = (b: Build) => checkBuild(b, builtinParts, { mainsVolts: b.site?.mainsVolts ?? 230, circuitAmps: b.site?.circuitAmps ?? 16 });
const f = (code: string, message: string, subjects: string[] = [], severity: 'error' | 'warning' | 'info' = 'info') => ({
  code,
  severity,
  subjects,
  message,
  hint: 'h',
  verified: true,
});

describe('finding groups', () => {
  it('masks numbers and the finding’s own subjects, nothing else', () => {
    expect(messageShape(f('x', 'CPU0 hosts 4 GPUs in r1-node1.', ['r1-node1']))).toBe('CPU# hosts # GPUs in §.');
    expect(messageShape(f('x', 'peaks at 2,910.5 W', []))).toBe('peaks at # W');
    // Same code, different sentence: two rows.
    const g = groupFindings([f('a', 'Slot 1 is empty'), f('a', 'Slot 2 is empty'), f('a', 'The riser is loose'), f('b', 'Over budget', [], 'error')]);
    expect(g.map((x) => [x.code, x.findings.length, x.sameMessage])).toEqual([
      ['b', 1, true],
      ['a', 2, false],
      ['a', 1, true],
    ]);
  });

  it('Groq: every row is one message shape, the counts stay exact', () => {
    const r = check(load('groq-8-racks.json'));
    const groups = groupFindings(r.findings);
    // Card fit, GPU connectors, rack weight and the empty memory banks of the GroqNodes' hosts.
    expect(groups.length).toBeLessThanOrEqual(5);
    expect(groups.reduce((a, g) => a + g.findings.length, 0)).toBe(r.findings.length);
    for (const g of groups) expect(new Set(g.findings.map(messageShape)).size).toBe(1);
    // The example plans no host DIMMs for the GroqNodes: two empty banks per node are warnings, the rest notes.
    const empty = r.findings.filter((f) => f.code === 'memory.bank-empty').length;
    expect(empty).toBe(128);
    expect(severityCounts(r.findings)).toEqual({ error: 0, warning: empty, info: r.findings.length - empty });
    // The 64 nodes' rows name all 64 of them.
    const fit = groups.find((g) => g.code === 'chassis.card-fit-unchecked')!;
    expect(fit.findings).toHaveLength(64);
    expect(fit.subjects.filter((s) => /^r\d-node\d$/.test(s))).toHaveLength(64);
  });

  it('G482: the near-identical socket warnings fold into one row each', () => {
    const r = check(load('gigabyte-g482.json'));
    const groups = groupFindings(r.findings);
    expect(groups.length).toBeLessThan(r.findings.length);
    for (const g of groups) expect(new Set(g.findings.map(messageShape)).size).toBe(1);
  });
});

describe('Groq verdict and power', () => {
  it('says the fit and the power with the numbers the estimate and checker compute', () => {
    const b = load('groq-8-racks.json');
    const r = check(b);
    const fit = sramFit(b, indexCatalog(builtinParts))!;
    // Llama 2 70B is 68.98 B params: 68.98 GB int8 + 4,096 × 10 MB = 109.94 GB over 230 MB chips.
    expect(fit.sizing!.chipsNeeded).toBe(Math.ceil((109.94e3 - 1e-6) / 230));
    expect(fit.chips).toBe(512);
    expect(fit.racks).toBe(8);
    expect(sramVerdict(b, indexCatalog(builtinParts), r.power)).toBe(
      `Llama 2 70B INT8 at 4K context needs ≥ ${fit.sizing!.chipsNeeded} chips; 512 placed in 8 racks; peak draw (DC) ${powerText(r.power.peakW)}`,
    );
    expect(peakPowerText(r.power)).toBe('Peak draw (DC) 186.2 kW');
  });

  it('is not the verdict of a GPU server', () => {
    const b = load('sys-4028gr-x10drg.json');
    expect(sramVerdict(b, indexCatalog(builtinParts), check(b).power)).toBeNull();
  });

  it('writes contexts the way people say them', () => {
    expect(contextText(4096)).toBe('4K');
    expect(contextText(131072)).toBe('128K');
    expect(contextText(3000)).toBe('3,000-token');
  });
});
