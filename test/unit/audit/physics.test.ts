// Hand-checkable arithmetic behind the checker and the estimator, recomputed
// from first principles (not from the constants under test).
import { describe, expect, it } from 'vitest';
import { PCIE_RATES, linkGBps, linkRawGbps } from '#core/check/pcieRates';
import { BTU_PER_WATT_HOUR, CONTINUOUS_FRACTION, psuOutputW, usablePsus } from '#core/check/power';
import { pcieGBps, pcieRawGbit } from '#core/perf/links';
import { builtinPart } from '#core/catalog/builtin';
import type { PartOf } from '#core/catalog/part';
import { builtinModels } from '#core/models/library';
import { kvElementsPerToken } from '#core/models/llm';
import { DEFAULT_KV } from '#core/models/kv';

describe('PCIe rates', () => {
  // PCI-SIG: GT/s per lane and line coding per generation.
  const spec: Record<number, [number, number]> = {
    1: [2.5, 8 / 10],
    2: [5, 8 / 10],
    3: [8, 128 / 130],
    4: [16, 128 / 130],
    5: [32, 128 / 130],
    6: [64, 242 / 256],
  };

  it('per-lane GB/s = GT/s × coding / 8 (3.0 ≈ 0.985, 4.0 double, 5.0 double again)', () => {
    expect(PCIE_RATES.map((r) => r.gen)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const r of PCIE_RATES) {
      const [gt, coding] = spec[r.gen]!;
      expect(r.gtPerSecond).toBe(gt);
      expect(Math.abs(r.gbPerSecondPerLane - (gt * coding) / 8) / ((gt * coding) / 8)).toBeLessThan(5e-4);
    }
    expect(linkGBps(4, 16) / linkGBps(3, 16)).toBeCloseTo(2, 3);
    expect(linkGBps(5, 16) / linkGBps(4, 16)).toBeCloseTo(2, 3);
  });

  it('the checker table and the estimator formula agree for every generation and width', () => {
    for (const gen of [1, 2, 3, 4, 5, 6])
      for (const lanes of [1, 4, 8, 16]) {
        expect(linkRawGbps(gen, lanes)).toBe(pcieRawGbit(gen, lanes));
        expect(Math.abs(linkGBps(gen, lanes) - pcieGBps(gen, lanes)) / pcieGBps(gen, lanes)).toBeLessThan(5e-4);
      }
    expect(linkRawGbps(3, 16)).toBe(128); // seed case 7
    expect(linkGBps(3, 16)).toBeCloseTo(15.75, 2);
  });
});

describe('power arithmetic', () => {
  const psu = (id: string) => (builtinPart(id) as PartOf<'psu'>).specs;

  it('80 % continuous rule: 120 V × 15 A = 1440 W, × 20 A = 1920 W; L6-30 at 240 V = 5760 W', () => {
    expect(120 * 15 * CONTINUOUS_FRACTION).toBe(1440);
    expect(120 * 20 * CONTINUOUS_FRACTION).toBe(1920);
    expect(240 * 30 * CONTINUOUS_FRACTION).toBe(5760);
  });

  it('heat: 1 W = 3.412 BTU/h (1 BTU = 1055.06 J)', () => {
    expect(BTU_PER_WATT_HOUR).toBeCloseTo(3600 / 1055.06, 3);
  });

  it('redundancy keeps N of N+1 and half of N+N', () => {
    expect(usablePsus(4, 'none')).toBe(4);
    expect(usablePsus(4, 'N+1')).toBe(3);
    expect(usablePsus(2, 'N+1')).toBe(1);
    expect(usablePsus(4, 'N+N')).toBe(2);
    expect(usablePsus(2, 'N+N')).toBe(1);
    expect(usablePsus(3, 'N+N')).toBe(1); // the odd one out protects nothing
  });

  it('low-line derating and voltage bands read as the sources state them', () => {
    const k05 = psu('psu.supermicro.pws-2k05a-1r');
    expect(psuOutputW(k05, 120)).toBe(1000);
    expect(psuOutputW(k05, 208)).toBe(1800);
    expect(psuOutputW(k05, 240)).toBe(2000);
    // 2 × 2000 W modules as N+N on a 120 V circuit: 1000 W usable, not 2000 or 4000.
    expect(psuOutputW(k05, 120)! * usablePsus(2, 'N+N')).toBe(1000);
    const g740 = psu('psu.supermicro.titanium-2200w-sys-740gp');
    expect(psuOutputW(g740, 120)).toBe(1200);
    expect(psuOutputW(g740, 208)).toBe(1800); // "1800-2090 W at 200-240 V": never the 2200 W headline below 220 V
    expect(psuOutputW(g740, 230)).toBe(2200);
    const as4124 = psu('psu.supermicro.titanium-2000w-as-4124gs');
    expect(psuOutputW(as4124, 208)).toBe(1800);
    expect(psuOutputW(as4124, 230)).toBe(2000);
    expect(psuOutputW(psu('psu.supermicro.pws-2k08a-1r'), 120)).toBeNull(); // no low-line figure: unknown, not 2000
    expect(psuOutputW(psu('psu.dell.titanium-240v-only'), 120)).toBe(0);
  });

  it('no PSU reads more at any 200-240 V input than a band covering that voltage allows', () => {
    for (const id of [
      'psu.supermicro.pws-2k05a-1r',
      'psu.supermicro.pws-2k08a-1r',
      'psu.supermicro.titanium-2000w-as-4124gs',
      'psu.supermicro.titanium-2200w-sys-740gp',
    ]) {
      const s = psu(id);
      for (let v = 200; v <= 240; v++) {
        const bands = s.outputByInput!.filter((b) => v >= b.minVolts && v <= b.maxVolts);
        expect(bands.length, `${id} at ${v} V`).toBeGreaterThan(0);
        expect(psuOutputW(s, v), `${id} at ${v} V`).toBeLessThanOrEqual(Math.max(...bands.map((b) => b.outputW)));
      }
    }
  });
});

describe('model memory arithmetic', () => {
  it('Llama 3 70B KV cache at f16: 2 × 80 layers × 8 KV heads × 128 × 2 B = 327,680 B per token', () => {
    const m = builtinModels.find((x) => x.id === 'llama-3-70b')!;
    expect(kvElementsPerToken(m) * DEFAULT_KV.bytesPerElement).toBe(327_680);
  });

  it('head dim × attention heads = hidden size for every model except those whose config says otherwise', () => {
    // Gemma 2 9B (16 × 256 = 4096 ≠ 3584) and 27B (32 × 128 = 4096 ≠ 4608) set head_dim explicitly in config.json;
    // DeepSeek-V3 (MLA) has 128 heads of 128 (v_head_dim) over a 7168-wide hidden state.
    // Qwen3 4B / 32B / 30B-A3B, Gemma 7B and Mistral NeMo also set head_dim (128, 128, 128, 256, 128) apart from the hidden size.
    // DeepSeek-V2 (MLA: 128 heads of 128 over 5120) and Gemma 3 1B (head_dim 256, 4 heads over 1152) likewise.
    // Gemma 3 4B / 12B / 27B (8 × 256 over 2560, 16 × 256 over 3840, 32 × 128 over 5376) and Qwen3-235B-A22B (64 × 128 over 4096) too.
    const explicitHeadDim = new Set([
      'gemma-2-9b',
      'gemma-2-27b',
      'deepseek-v3',
      'qwen3-4b',
      'qwen3-32b',
      'qwen3-30b-a3b',
      'gemma-7b',
      'mistral-nemo-12b',
      'deepseek-v2',
      'gemma-3-1b',
      'gemma-3-4b',
      'gemma-3-12b',
      'gemma-3-27b',
      'qwen3-235b-a22b',
    ]);
    for (const m of builtinModels) {
      if (explicitHeadDim.has(m.id)) continue;
      expect(m.headDim * m.attentionHeads, m.id).toBe(m.hiddenSize);
      expect(m.attentionHeads % m.kvHeads, m.id).toBe(0);
    }
  });
});
