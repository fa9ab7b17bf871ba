// A small catalog for the catalog view's component tests — cards with known
// and unknown specs, a user part with hostile notes, a two-switch board — and
// a real backend (real handlers, real SQLite file) serving it.
import { CatalogPart, type PartOf } from '../../core/catalog/part';
import type { GpuSpecs } from '../../core/catalog/specs/gpu';
import { putUserPart } from '#db/repositories/parts';
import { realBackend, type RealBackend } from './realBackend';

export const HOSTILE = '<img src=x onerror=alert(1)>';

const usd = (dollars: number) => ({ amountMinor: dollars * 100, currency: 'USD', asOf: '2025-01', source: 'https://example.com/prices' });

const GPU_DEFAULTS: GpuSpecs = {
  family: 'geforce',
  architecture: null,
  devicesPerBoard: 1,
  vramGB: null,
  memType: null,
  memBandwidthGBps: null,
  sramMB: null,
  fp16Tflops: null,
  bf16: null,
  int8Tops: null,
  tdpW: null,
  formFactor: 'pcie',
  pcieGen: null,
  pcieLanes: null,
  slotWidth: null,
  lowProfile: null,
  lengthMm: null,
  powerConnectors: null,
  cooling: null,
  gpuLink: null,
  p2pOverPcie: 'unknown',
};

export function gpu(id: string, vendor: string, model: string, specs: Partial<GpuSpecs>, extra: Partial<PartOf<'gpu'>> = {}): PartOf<'gpu'> {
  return CatalogPart.parse({
    id,
    category: 'gpu',
    vendor,
    model,
    aliases: [],
    typicalUsedPrice: null,
    sources: [{ url: 'https://example.com/spec-sheet' }],
    builtin: !id.startsWith('user.'),
    revision: 1,
    specs: { ...GPU_DEFAULTS, ...specs },
    ...extra,
  }) as PartOf<'gpu'>;
}

export const BOARD = CatalogPart.parse({
  id: 'board.test.two-switch',
  category: 'board',
  vendor: 'Testboard',
  model: 'TB-2S',
  aliases: [],
  typicalUsedPrice: null,
  sources: [],
  builtin: true,
  revision: 1,
  specs: {
    formFactor: 'proprietary',
    sockets: [
      { id: 'cpu1', label: 'CPU1', socketType: 'LGA2011-3' },
      { id: 'cpu2', label: 'CPU2', socketType: 'LGA2011-3' },
    ],
    interSocketLink: { kind: 'QPI', links: 2, speedGTps: null, bandwidthGBps: null, verified: true },
    rootComplexes: [
      { id: 'rc1', socket: 'cpu1', label: 'CPU1 IIO', lanes: 40, gen: 3, verified: true },
      { id: 'rc2', socket: 'cpu2', label: 'CPU2 IIO', lanes: 40, gen: 3, verified: true },
    ],
    pcieSwitches: [{ id: 'plx', chip: 'PEX8796', lanes: 96, gen: 3, upstream: { to: 'rc1', width: 16 }, verified: false }],
    slots: [
      { id: 's1', label: 'GPU1', position: 0, physicalWidth: 16, electricalWidth: 16, gen: 3, feeds: 'plx', gpu: true, verified: false },
      { id: 's2', label: 'GPU2', position: 2, physicalWidth: 16, electricalWidth: 16, gen: 3, feeds: 'plx', gpu: true, verified: false },
      { id: 's3', label: 'GPU3', position: 4, physicalWidth: 16, electricalWidth: 16, gen: 3, feeds: 'plx', gpu: true, verified: false },
      { id: 's4', label: 'NIC', position: 6, physicalWidth: 16, electricalWidth: 8, gen: 3, feeds: 'rc2', verified: true },
    ],
    topology: { verified: false, note: 'As the seed analysis describes it.' },
  },
});

export function samplePARTS(): CatalogPart[] {
  return [
    gpu(
      'gpu.nvidia.rtx-3090',
      'NVIDIA',
      'GeForce RTX 3090',
      { vramGB: 24, memBandwidthGBps: 936, fp16Tflops: 71, tdpW: 350, pcieGen: 4, pcieLanes: 16, slotWidth: 3, p2pOverPcie: 'driver-disabled' },
      { typicalUsedPrice: usd(900), aliases: ['RTX 3090'] },
    ),
    gpu(
      'gpu.nvidia.tesla-p40',
      'NVIDIA',
      'Tesla P40',
      { family: 'tesla', vramGB: 24, memBandwidthGBps: 346, tdpW: 250, int8Tops: 47, p2pOverPcie: 'yes' },
      { typicalUsedPrice: usd(175) },
    ),
    gpu('gpu.nvidia.tesla-k80', 'NVIDIA', 'Tesla K80', { family: 'tesla', vramGB: 24, memBandwidthGBps: 480, tdpW: 300 }),
    gpu('gpu.nvidia.rtx-3060', 'NVIDIA', 'GeForce RTX 3060', { vramGB: 12, memBandwidthGBps: 360, tdpW: 170 }, { typicalUsedPrice: usd(220) }),
    gpu(
      'gpu.acme.mystery',
      'Acme',
      'Mystery X1',
      { vramGB: 32, memBandwidthGBps: null, tdpW: null },
      { typicalUsedPrice: usd(400), notes: 'Sold in China only. Memory bandwidth is not published by Acme.' },
    ),
    gpu('user.gpu.my-card', 'Me', 'My flashed card', { vramGB: 16, memBandwidthGBps: 512 }, { notes: HOSTILE, sources: [] }),
    BOARD,
  ];
}

/**
 * A real backend whose built-in catalog is the sample parts, with the user's
 * own card stored the way the app stores user parts.
 */
export async function catalogBackend(): Promise<RealBackend> {
  const parts = samplePARTS();
  const be = await realBackend({ builtinParts: parts.filter((p) => p.builtin) });
  for (const p of parts.filter((q) => !q.builtin)) putUserPart(be.db, p, new Date('2025-01-01T00:00:00Z'));
  return be;
}
