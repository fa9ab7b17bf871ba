// Every built-in part validates, ids are stable and unique, categories meet the
// catalog's minimums, and spot facts match the sourced reference values.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BUILTIN_FILES, builtinParts, builtinPart } from '#core/catalog/builtin';
import { CatalogPart, PartId, type PartOf } from '#core/catalog/part';

const gpu = (id: string) => builtinPart(id) as PartOf<'gpu'>;
const cpu = (id: string) => builtinPart(id) as PartOf<'cpu'>;

describe('built-in catalog', () => {
  it('every data file parses against the schema', () => {
    for (const [file, rows] of Object.entries(BUILTIN_FILES)) {
      const result = z.array(CatalogPart).safeParse(rows);
      expect(result.success, `${file}: ${result.success ? '' : JSON.stringify(result.error.issues[0])}`).toBe(true);
    }
  });

  it('ids are unique, lowercase slugs and start with their category', () => {
    const ids = builtinParts.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of builtinParts) {
      expect(PartId.safeParse(p.id).success, p.id).toBe(true);
      expect(p.id.startsWith(`${p.category}.`), p.id).toBe(true);
      expect(p.builtin).toBe(true);
      expect(p.revision).toBeGreaterThanOrEqual(1);
    }
  });

  it('every built-in names at least one source', () => {
    for (const p of builtinParts) expect(p.sources.length, p.id).toBeGreaterThan(0);
  });

  it('meets the minimum count per category', () => {
    const count = (c: string) => builtinParts.filter((p) => p.category === c).length;
    expect(count('gpu')).toBeGreaterThanOrEqual(40);
    expect(count('cpu')).toBeGreaterThanOrEqual(25);
    expect(count('nic')).toBeGreaterThanOrEqual(10);
    expect(count('psu')).toBeGreaterThanOrEqual(10);
    for (const c of ['pcie-switch', 'rack', 'pdu', 'memory', 'storage', 'riser', 'cable']) expect(count(c), c).toBeGreaterThan(0);
  });

  it('covers Kepler to Blackwell, AMD MI25-MI210, the 7900 XTX and the GroqCard', () => {
    for (const id of [
      'gpu.nvidia.tesla-k80',
      'gpu.nvidia.rtx-5090',
      'gpu.amd.mi25',
      'gpu.amd.mi210',
      'gpu.amd.rx-7900-xtx',
      'gpu.groq.groqcard',
      'gpu.nvidia.rtx-a5000',
    ])
      expect(builtinPart(id), id).toBeDefined();
  });

  it('prices only with a source and a date', () => {
    for (const p of builtinParts) {
      if (!p.typicalUsedPrice) continue;
      expect(p.typicalUsedPrice.source.length, p.id).toBeGreaterThan(0);
      expect(p.typicalUsedPrice.asOf, p.id).toMatch(/^\d{4}/);
    }
  });

  it('GeForce cards have PCIe P2P disabled by the driver', () => {
    const geforce = builtinParts.filter((p): p is PartOf<'gpu'> => p.category === 'gpu' && p.specs.family === 'geforce');
    expect(geforce.length).toBeGreaterThanOrEqual(6);
    for (const p of geforce) expect(p.specs.p2pOverPcie, p.id).toBe('driver-disabled');
  });

  it('multi-GPU boards say how many devices they hold', () => {
    expect(gpu('gpu.nvidia.tesla-k80').specs.devicesPerBoard).toBe(2);
    expect(gpu('gpu.nvidia.a16').specs.devicesPerBoard).toBe(4);
    expect(gpu('gpu.nvidia.tesla-p40').specs.devicesPerBoard).toBe(1);
  });

  // Values copied from the sourced reference sheet (gpus.csv / cpus.csv); blank there = null here.
  it.each([
    ['gpu.nvidia.rtx-3090', { memBandwidthGBps: 936, vramGB: 24, tdpW: 350, pcieGen: 4 }],
    ['gpu.nvidia.tesla-p40', { memBandwidthGBps: 346, vramGB: 24, tdpW: 250, memType: 'GDDR5' }],
    ['gpu.nvidia.a100-sxm4-80gb', { memBandwidthGBps: 2039, vramGB: 80, tdpW: 400, formFactor: 'sxm4', slotWidth: null }],
    ['gpu.nvidia.a100-pcie-80gb', { memBandwidthGBps: 1935, vramGB: 80, tdpW: 300, powerConnectors: null }],
    ['gpu.nvidia.rtx-a5000', { memBandwidthGBps: 768, vramGB: 24, tdpW: 230, fp16Tflops: 111.1, lengthMm: null }],
    ['gpu.nvidia.tesla-v100-pcie-16gb', { memBandwidthGBps: 900, tdpW: 250, fp16Tflops: null }],
    ['gpu.amd.radeon-vii', { vramGB: 16, memBandwidthGBps: null, tdpW: null }],
    ['gpu.amd.mi210', { vramGB: 64, memBandwidthGBps: 1600, tdpW: null }],
    ['gpu.intel.arc-a770-16gb', { memBandwidthGBps: null, tdpW: 225 }],
    ['gpu.groq.groqcard', { sramMB: 230, memBandwidthGBps: 80000, int8Tops: 720, tdpW: 300 }],
    ['gpu.nvidia.rtx-4060-ti-16gb', { pcieLanes: 8, tdpW: null }],
  ] as const)('%s spot facts', (id, facts) => {
    const specs = gpu(id).specs as Record<string, unknown>;
    for (const [k, v] of Object.entries(facts)) expect(specs[k], `${id}.${k}`).toEqual(v);
  });

  it('Tesla P40 takes an EPS-12V 8-pin, not PCIe 8-pin', () => {
    expect(gpu('gpu.nvidia.tesla-p40').specs.powerConnectors).toEqual([{ kind: 'eps-12v-8pin', count: 1 }]);
    expect(gpu('gpu.nvidia.tesla-t4').specs.powerConnectors).toEqual([]);
  });

  it.each([
    ['cpu.intel.xeon-e5-2690-v4', { pcieLanes: 40, cores: 14, baseGHz: 2.6, tdpW: 135, memoryChannels: 4, maxMemMTps: 2400, rootComplexes: 1 }],
    ['cpu.intel.xeon-e5-2678-v3', { cores: 12, tdpW: null }],
    ['cpu.intel.xeon-gold-6148', { pcieLanes: 48, rootComplexes: 3, memoryChannels: 6 }],
    ['cpu.intel.xeon-gold-6248', { pcieLanes: null }],
    ['cpu.amd.epyc-7601', { pcieLanes: 128, pcieLanesPerSocketIn2P: 64, rootComplexes: 4, cores: 32 }],
    ['cpu.amd.epyc-7742', { pcieLanes: 128, pcieLanesPerSocketIn2P: null, cores: 64, tdpW: 225 }],
  ] as const)('%s spot facts', (id, facts) => {
    const specs = cpu(id).specs as Record<string, unknown>;
    for (const [k, v] of Object.entries(facts)) expect(specs[k], `${id}.${k}`).toEqual(v);
  });

  it('ConnectX-3 FDR is PCIe 3.0 x8; Intel NIC lanes stay unknown until sourced', () => {
    const cx3 = builtinPart('nic.mellanox.connectx-3-vpi-fdr') as PartOf<'nic'>;
    expect([cx3.specs.pcieGen, cx3.specs.pcieLanes, cx3.specs.portSpeedGbps]).toEqual([3, 8, 56]);
    expect((builtinPart('nic.intel.x540-t2') as PartOf<'nic'>).specs.pcieLanes).toBeNull();
  });

  it('PSUs keep low line separate and unknown unless sourced', () => {
    const psu = (id: string) => (builtinPart(id) as PartOf<'psu'>).specs;
    expect([psu('psu.supermicro.pws-2k05a-1r').ratedOutputHighLineW, psu('psu.supermicro.pws-2k05a-1r').ratedOutputLowLineW]).toEqual([2000, 1000]);
    expect(psu('psu.supermicro.pws-2k08a-1r').ratedOutputLowLineW).toBeNull();
    expect(psu('psu.supermicro.pws-1k62a-1r').ratedOutputLowLineW).toBeNull();
    expect(psu('psu.dell.titanium-240v-only').ratedOutputLowLineW).toBe(0);
  });

  it('PEX switch lanes implied only by a part number stay unknown', () => {
    const sw = (id: string) => (builtinPart(id) as PartOf<'pcie-switch'>).specs;
    expect([sw('pcie-switch.broadcom.pex8747').lanes, sw('pcie-switch.broadcom.pex8747').ports]).toEqual([48, 5]);
    expect(sw('pcie-switch.broadcom.pex8796').lanes).toBe(96);
    expect(sw('pcie-switch.broadcom.pex9797').lanes).toBeNull();
  });
});
