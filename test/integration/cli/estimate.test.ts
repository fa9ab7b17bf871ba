import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { main } from '#cli/main';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('rackhive estimate', () => {
  it('--json has the contract fields', async () => {
    const r = await cli(['estimate', '--gpu', 'RTX 3090', '--count', '2', '--model', 'llama-3-70b', '--quant', 'Q4_K_M', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    for (const k of ['fits', 'memoryPerDeviceGB', 'decodeTps', 'prefillTps', 'ttftS', 'bottleneck', 'powerW', 'band', 'assumptions'])
      expect(j).toHaveProperty(k);
    expect(j.memoryPerDeviceGB).toHaveLength(2);
    expect(j.band.decodeTps.low).toBeLessThan(j.decodeTps);
  });

  it('human output shows numbers with their band and the assumptions', async () => {
    const r = await cli([
      'estimate',
      '--gpu',
      'A100 SXM4 80GB',
      '--count',
      '8',
      '--model',
      'llama-3.1-405b',
      '--quant',
      'fp8',
      '--runtime',
      'vllm',
      '--split',
      'tensor',
      '--price-kwh',
      '0.3',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/tokens\/s/);
    expect(r.out).toMatch(/±\d+ %/);
    expect(r.out).toMatch(/Assumptions:/);
    expect(r.out).toMatch(/per million tokens/);
  });

  it('reads a build file', async () => {
    const file = fileURLToPath(new URL('../../../assets/examples/asus-esc4000-4x-a5000.json', import.meta.url));
    const r = await cli(['estimate', '--build', file, '--model', 'llama-3-70b', '--quant', 'Q4_K_M', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).instances).toHaveLength(2);
  });

  it.each([
    [['estimate', '--gpu', 'RTX 3090', '--model', 'llama-3-8b', '--quant', 'Q9']],
    [['estimate', '--gpu', 'RTX 3090', '--model', 'llama-3-8b', '--quant', 'Q4_K_M', '--split', 'diagonal']],
    [['estimate', '--gpu', 'RTX 3090', '--model', 'nope', '--quant', 'Q4_K_M']],
    [['estimate', '--gpu', 'RTX 3090', '--count', 'two', '--model', 'llama-3-8b', '--quant', 'Q4_K_M']],
    [['estimate', '--gpu', 'RTX 3090', '--model', 'llama-3-8b', '--quant', 'Q4_K_M', '--runtime', 'ollama']],
    [['estimate', '--model', 'llama-3-8b', '--quant', 'Q4_K_M']],
    [['estimate', '--gpu', 'RTX 3090', '--count', '3', '--instances', '2', '--model', 'llama-3-8b', '--quant', 'Q4_K_M']],
  ])('bad flags exit 2 with a message: %j', async (args) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err.length).toBeGreaterThan(10);
  });
});

describe('rackhive models list', () => {
  it('lists the library as JSON', async () => {
    const r = await cli(['models', 'list', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.models.some((m: { id: string }) => m.id === 'llama-3-70b')).toBe(true);
    expect(j.quantFormats.length).toBeGreaterThan(10);
  });
  it('prints a table', async () => {
    const r = await cli(['models', 'list']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/deepseek-v3/);
  });
});
