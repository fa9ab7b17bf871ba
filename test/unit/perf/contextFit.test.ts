// Long context: the KV cache is sized at the workload's whole context and the
// estimate says so — and when only the context does not fit, how much would.
import { describe, expect, it } from 'vitest';
import { run, workload } from './helpers';

describe('KV cache at the workload’s context', () => {
  it('Llama 3 8B Q4_K_M at 4k on one RTX 3090 fits, and the check is stated', () => {
    const e = run('RTX 3090', 1, workload('llama-3-8b', 'Q4_K_M'));
    expect(e.context).toMatchObject({ contextTokens: 4096, batch: 1, fits: true, weightsFit: true });
    // 32 layers × 8 KV heads × 128 dims × 2 (K, V) × 2 bytes = 131,072 B/token → 4096 tokens = 0.537 GB.
    expect(e.context!.kvGB).toBeCloseTo((32 * 8 * 128 * 2 * 2 * 4096) / 1e9, 6);
    expect(e.assumptions.some((a) => a.startsWith("KV cache checked at the workload's context: 4,096 tokens of context"))).toBe(true);
  });

  it('Q8_0 at 128k: the weights still fit but the context does not: says so and how much context would', () => {
    const e = run('RTX 3090', 1, workload('llama-3-8b', 'Q8_0', { contextTokens: 131072 }));
    expect(e.fits).toBe(false);
    const c = e.context!;
    expect(c).toMatchObject({ fits: false, weightsFit: true });
    expect(c.kvGB).toBeCloseTo((131072 * 131072) / 1e9, 6); // 17.2 GB of KV cache
    expect(c.maxContextTokens).toBeGreaterThan(4096);
    expect(c.maxContextTokens).toBeLessThan(131072);
    expect(c.maxContextTokens! % 256).toBe(0);
    expect(e.warnings.find((w) => w.startsWith('the weights fit but the context does not'))).toMatch(/131,072 tokens of context needs 17\.2 GB \(16\.0 GiB\)/);
    // The context it names really fits.
    const at = run('RTX 3090', 1, workload('llama-3-8b', 'Q8_0', { contextTokens: c.maxContextTokens! }));
    expect(at.fits).toBe(true);
  });

  it('when the weights alone do not fit, the context is not blamed', () => {
    const e = run('RTX 3090', 1, workload('llama-3-70b', 'Q4_K_M'));
    expect(e.context).toMatchObject({ fits: false, weightsFit: false, maxContextTokens: null });
    expect(e.warnings.some((w) => w.startsWith('the weights and runtime overhead alone do not fit'))).toBe(true);
  });
});
