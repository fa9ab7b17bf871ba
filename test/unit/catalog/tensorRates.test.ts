// GeForce tensor rates derived from tensor cores × boost clock: each derived
// figure must be what its own source note says (count, clock, 128 FP16 FLOP
// per clock per tensor core, INT8 × 4), and that per-core rate must be the one
// NVIDIA's whitepaper rows in the same catalog imply.
import { describe, expect, it } from 'vitest';
import { builtinParts } from '#core/catalog/builtin';
import type { PartOf } from '#core/catalog/part';

const gpus = builtinParts.filter((p): p is PartOf<'gpu'> => p.category === 'gpu');
const byId = (id: string): PartOf<'gpu'> => {
  const part = gpus.find((p) => p.id === id);
  if (!part) throw new Error(`${id} is not a built-in GPU`);
  return part;
};

const DERIVED = /Derived: (\d+) tensor cores.*? × (\d+) MHz boost × 128 FP16 FLOP per clock per tensor core/;
const derived = gpus.flatMap((p) => {
  const note = (p.sources ?? []).map((s) => s.note ?? '').find((n) => DERIVED.test(n));
  const m = note?.match(DERIVED);
  return m ? [[p.id, Number(m[1]), Number(m[2])] as const] : [];
});

describe('GeForce tensor rates derived from tensor cores × boost clock', () => {
  it('covers the Ampere and Ada cards whose rates were filled this way', () => {
    expect(derived.map(([id]) => id)).toEqual(
      expect.arrayContaining([
        'gpu.nvidia.rtx-3060-12gb',
        'gpu.nvidia.rtx-3060-ti',
        'gpu.nvidia.rtx-3070',
        'gpu.nvidia.rtx-4060',
        'gpu.nvidia.rtx-4060-ti-8gb',
        'gpu.nvidia.rtx-4070',
        'gpu.nvidia.rtx-4070-ti',
        'gpu.nvidia.rtx-4080-super',
      ]),
    );
  });

  it.each(derived)('%s: %i tensor cores at %i MHz give the stored dense INT8 (and FP16 where derived)', (id, cores, mhz) => {
    const specs = byId(id).specs;
    const fp16 = (cores * mhz * 128) / 1e6;
    expect(specs.int8Tops).toBeCloseTo(fp16 * 4, 0);
    // The 4060 Ti 16GB keeps its separately sourced 44.2; the derivation gives 44.1.
    expect(Math.abs(specs.fp16Tflops! - fp16)).toBeLessThan(0.15);
  });

  // Whitepaper rows: RTX 3090 (328 tensor cores, 1695 MHz), 3080 (272, 1710), 4090 (512, 2520), 4080 (304, 2505).
  it.each([
    ['gpu.nvidia.rtx-3090', 328, 1695],
    ['gpu.nvidia.rtx-3080-10gb', 272, 1710],
    ['gpu.nvidia.rtx-4090', 512, 2520],
    ['gpu.nvidia.rtx-4080', 304, 2505],
  ] as const)('%s (whitepaper) implies 128 FP16 FLOP per clock per tensor core', (id, cores, mhz) => {
    const perCore = (byId(id).specs.fp16Tflops! * 1e6) / (cores * mhz);
    expect(Math.abs(perCore - 128) / 128).toBeLessThan(0.005);
  });
});
