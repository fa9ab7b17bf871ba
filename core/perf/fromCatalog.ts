// Adapters from the catalog's part types to the performance model's DeviceSpec.
import type { PartOf } from '#core/catalog/part';
import { familyKey, type DeviceSpec } from './device';
import { gbOfBinary } from './units';

export type DeviceResult = { ok: true; device: DeviceSpec } | { ok: false; message: string };

/** NVLink figures quoted without a direction are taken as both directions summed (NVIDIA's usual way). */
function nvlinkPerDirection(link: PartOf<'gpu'>['specs']['gpuLink']): number | null {
  if (!link || link.kind === 'none' || link.kind === 'groq-c2c' || link.bandwidthGBps === null) return null;
  return link.bandwidthDirection === 'per-direction' ? link.bandwidthGBps : link.bandwidthGBps / 2;
}

export function deviceFromGpuPart(part: PartOf<'gpu'>): DeviceResult {
  const s = part.specs;
  const per = s.devicesPerBoard;
  const sram = s.sramMB !== null && s.sramMB > 0;
  // DRAM capacity is quoted in binary units (24 GB = 24 GiB); the model compares in 10⁹ bytes.
  const memoryGB = sram ? s.sramMB! / 1e3 : s.vramGB !== null ? gbOfBinary(s.vramGB / per) : null;
  const bandwidth = s.memBandwidthGBps !== null ? s.memBandwidthGBps / per : null;
  const missing = [memoryGB === null ? 'memory size' : null, bandwidth === null ? 'memory bandwidth' : null].filter(Boolean);
  if (memoryGB === null || bandwidth === null)
    return { ok: false, message: `${part.vendor} ${part.model}: ${missing.join(' and ')} unknown in the catalog, so no estimate can be made` };
  const arch = (s.architecture ?? '').toLowerCase();
  const unified = s.family === 'apple' || s.family === 'jetson';
  return {
    ok: true,
    device: {
      id: part.id,
      name: `${part.vendor === 'NVIDIA' ? '' : part.vendor + ' '}${part.model}`.trim(),
      family: familyKey({
        vendor: part.vendor,
        architecture: s.architecture,
        consumer: s.family === 'geforce' || s.family === 'titan' || s.family === 'radeon' || s.family === 'arc',
        memType: s.memType,
        sram,
        unified,
      }),
      memoryKind: sram ? 'sram' : unified ? 'unified' : 'vram',
      memoryGB,
      memBandwidthGBps: bandwidth,
      fp16Tflops: s.fp16Tflops !== null ? s.fp16Tflops / per : null,
      int8Tops: s.int8Tops !== null ? s.int8Tops / per : null,
      fp8Native: /ada|hopper|blackwell/.test(arch) || /cdna ?3/.test(arch),
      tdpW: s.tdpW !== null ? s.tdpW / per : null,
      p2pOverPcie: s.p2pOverPcie === 'yes',
      nvlinkGBps: nvlinkPerDirection(s.gpuLink),
      nvlinkFabric: s.gpuLink?.kind === 'nvlink-sxm',
      pcieGen: s.pcieGen,
      pcieLanes: s.pcieLanes,
    },
  };
}
