// The seed analysis' cases (DESIGN.md acceptance cases 4–7 and issue 5 §3).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gpu, run, workload } from './helpers';
import { sizeSram, CHIPS_PER_RACK } from '#core/perf/sram';
import { trainingMemory, ADAMW_BYTES_PER_PARAM } from '#core/perf/training';
import { INTER_SOCKET_GBPS, pcieGBps, pcieRawGbit } from '#core/perf/links';
import { parseQuant } from '#core/models/quant';
import { builtinModels } from '#core/models/library';
import { runEstimate } from '#core/perf/request';
import { builtinParts } from '#core/catalog/builtin';
import { parseBuildText } from '#core/build/file';

const example = (f: string) => {
  const r = parseBuildText(readFileSync(new URL(`../../../assets/examples/${f}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.build;
};

describe('seed 4: 4× RTX A5000 run two 70B Llama instances, one per pair', () => {
  it('Q4_K_M (4.82 bpw, 42.5 GB) is the largest GGUF that fits 48 GB per pair; Q5_K_M does not', () => {
    const q4 = run('RTX A5000', 4, workload('llama-3-70b', 'Q4_K_M', { instances: 2 }));
    expect(q4.fits).toBe(true);
    expect(q4.instances).toHaveLength(2);
    expect(q4.instances.map((i) => i.deviceIndexes)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    const q5 = run('RTX A5000', 4, workload('llama-3-70b', 'Q5_K_M', { instances: 2 }));
    expect(q5.fits).toBe(false);
    expect(q5.overflow.length).toBeGreaterThan(0);
  });

  it('each instance decodes at roughly 20 tokens/s (4-bit class, layer split or tensor parallel)', () => {
    const layer = run('RTX A5000', 4, workload('llama-3-70b', 'exl2-4.0', { instances: 2, runtime: 'exllamav2' }));
    const tensor = run('RTX A5000', 4, workload('llama-3-70b', 'exl2-4.0', { instances: 2, runtime: 'exllamav2', split: 'tensor' }));
    const gguf = run('RTX A5000', 4, workload('llama-3-70b', 'Q4_K_M', { instances: 2 }));
    for (const e of [layer, tensor, gguf]) {
      expect(e.fits).toBe(true);
      expect(e.decodeTps).toBeGreaterThan(12);
      expect(e.decodeTps).toBeLessThan(32);
    }
    // ExLlama v1 is scored with its own factors, not exllamav2's.
    const v1 = run('RTX A5000', 4, workload('llama-3-70b', 'GPTQ', { instances: 2, runtime: 'exllama' }));
    expect(v1.fits).toBe(true);
    expect(v1.decodeTps).toBeGreaterThan(12);
    expect(v1.decodeTps).toBeLessThan(32);
    expect(v1.factors.bwEff).not.toBe(run('RTX A5000', 4, workload('llama-3-70b', 'GPTQ', { instances: 2, runtime: 'exllamav2' })).factors.bwEff);
    // Both instances together: twice one instance.
    expect(layer.aggregateTps).toBeCloseTo(2 * layer.decodeTps, 6);
    // Tensor parallel beats taking turns at batch 1.
    expect(tensor.decodeTps).toBeGreaterThan(layer.decodeTps);
  });

  it('the example build estimates over the checker topology', () => {
    const out = runEstimate({ model: 'llama-3-70b', quant: 'exl2-4.0', runtime: 'exllamav2' }, builtinParts, example('asus-esc4000-4x-a5000.json'));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.report.instances).toHaveLength(2);
    expect(out.report.fits).toBe(true);
    expect(out.report.assumptions.some((a) => a.includes('checker P2P matrix'))).toBe(true);
  });
});

describe('seed 5: Groq', () => {
  const m70 = { ...builtinModels.find((m) => m.id === 'llama-3-70b')!, paramsB: 70 };
  it('70B int8 (70 GB) + 4K context at 10 MB/token (40 GB) = 110 GB → ≥ 479 chips → 512 devices = 8 racks', () => {
    const s = sizeSram({ model: m70, quant: parseQuant('int8')!, contextTokens: 4000, sramMB: 230 });
    expect(s.weightsGB).toBe(70);
    expect(s.contextGB).toBe(40);
    expect(s.totalGB).toBe(110);
    expect(s.chipsNeeded).toBe(479);
    expect(s.devices).toBe(512);
    expect(s.racks).toBe(8);
    expect(s.devices / CHIPS_PER_RACK).toBe(8);
    expect(s.forwardPassGflop).toBe(140);
  });

  it('the 8-rack example: 512 devices fit, ≈ 150 kW at 300 W each', () => {
    const out = runEstimate({ model: 'llama-3-70b', quant: 'int8', contextTokens: 4096 }, builtinParts, example('groq-8-racks.json'));
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.report.fits).toBe(true);
    expect(out.report.sram!.chipsNeeded).toBeGreaterThanOrEqual(479);
    expect(out.report.sram!.devices).toBe(512);
    expect(out.report.powerW).toBe(512 * 300);
    expect(out.report.powerW / 1000).toBeCloseTo(150, -1);
    expect(out.report.decodeTps).toBeGreaterThan(0);
  });
});

describe('seed 6: AdamW training memory at 18 bytes/parameter', () => {
  it.each([
    [7, 126],
    [34, 612],
    [175, 3150],
  ])('%iB → %i GB', (paramsB, gb) => {
    expect(ADAMW_BYTES_PER_PARAM).toBe(18);
    expect(trainingMemory({ paramsB, deviceGB: 80, devices: 1 }).stateGB).toBe(gb);
  });

  it('says how many devices and whether it fits, activations on top', () => {
    const t = trainingMemory({ paramsB: 7, deviceGB: 80, devices: 1 });
    expect(t.fits).toBe(false);
    expect(t.devicesNeeded).toBe(2);
    const m = builtinModels.find((x) => x.id === 'llama-2-7b')!;
    const withActs = trainingMemory({ paramsB: m.paramsB, model: m, seqTokens: 4096, microBatch: 1, recompute: false, deviceGB: 80, devices: 4 });
    expect(withActs.activationsGB).toBeGreaterThan(10);
  });
});

describe('seed 7: link speeds', () => {
  it('PCIe 3.0 x16 ≈ 128 Gbit/s (≈ 15.75 GB/s usable per direction)', () => {
    expect(pcieRawGbit(3, 16)).toBe(128);
    expect(pcieGBps(3, 16)).toBeCloseTo(15.75, 2);
  });
  it('inter-socket link ≥ 300 Gbit/s', () => {
    expect(INTER_SOCKET_GBPS * 8).toBeGreaterThanOrEqual(300);
  });
});

describe('layer split adds capacity, not single-stream speed', () => {
  it('an 8B model over six 3090s is not faster than on one 3090', () => {
    const one = run('RTX 3090', 1, workload('llama-3-8b', 'Q4_K_M'));
    const six = run('RTX 3090', 6, workload('llama-3-8b', 'Q4_K_M'));
    expect(six.decodeTps).toBeLessThanOrEqual(one.decodeTps);
    expect(six.fits).toBe(true);
  });
  it('replicas multiply aggregate throughput instead', () => {
    const one = run('RTX 3090', 1, workload('llama-3-8b', 'Q4_K_M'));
    const six = run('RTX 3090', 6, workload('llama-3-8b', 'Q4_K_M', { split: 'replicas' }));
    expect(six.aggregateTps).toBeCloseTo(6 * one.decodeTps, 6);
  });
  it('a 3090 is recognised as GeForce (no P2P)', () => {
    expect(gpu('RTX 3090').p2pOverPcie).toBe(false);
  });
});
