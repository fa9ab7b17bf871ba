import { describe, expect, it } from 'vitest';
import { main } from '#cli/main';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('rackhive catalog', () => {
  it('lists a category as a table with units and "unknown"', async () => {
    const r = await run('catalog', 'list', '--category', 'gpu');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/gpu\.nvidia\.rtx-3090 +NVIDIA +GeForce RTX 3090 +VRAM 24 GB, bandwidth 936 GB\/s/);
    expect(r.out).toContain('TDP unknown');
    expect(r.out).not.toContain('cpu.intel');
  });

  it('list --json prints an array of parts', async () => {
    const r = await run('catalog', 'list', '--category', 'psu', '--json');
    const parts = JSON.parse(r.out) as { category: string; specs: { ratedOutputLowLineW: number | null } }[];
    expect(parts.length).toBeGreaterThanOrEqual(10);
    expect(parts.every((p) => p.category === 'psu')).toBe(true);
  });

  it('show prints every spec with its unit, the price and the sources', async () => {
    const r = await run('catalog', 'show', 'Tesla', 'P40');
    expect(r.code).toBe(0);
    expect(r.out).toContain('memBandwidthGBps');
    expect(r.out).toContain('346 GB/s');
    expect(r.out).toContain('$170.00 as of 2026-02');
    expect(r.out).toContain('https://gpudojo.pages.dev/articles/tesla-p100-16gb-ai-review.html');
  });

  it('show --json resolves a usual name', async () => {
    const r = await run('catalog', 'show', 'A100 SXM4 80GB', '--json');
    expect(JSON.parse(r.out).specs.memBandwidthGBps).toBe(2039);
  });

  it('an ambiguous name exits 1 listing the candidates', async () => {
    const r = await run('catalog', 'show', 'A100');
    expect(r.code).toBe(1);
    expect(r.err).toContain('gpu.nvidia.a100-pcie-40gb');
    expect(r.err).toContain('gpu.nvidia.a100-sxm4-80gb');
  });

  it('an unknown name exits 1 with "no part matches"', async () => {
    const r = await run('catalog', 'show', 'Voodoo2');
    expect(r.code).toBe(1);
    expect(r.err).toContain('no part matches');
  });

  it('a bad category is a usage error (exit 2)', async () => {
    expect((await run('catalog', 'list', '--category', 'toaster')).code).toBe(2);
  });
});
