import { builtinParts } from '#core/catalog/builtin';
import { resolvePart } from '#core/catalog/resolve';
import type { PartOf } from '#core/catalog/part';
import { deviceFromGpuPart } from '#core/perf/fromCatalog';
import type { DeviceSpec } from '#core/perf/device';
import { resolveModel } from '#core/models/resolve';
import { parseQuant } from '#core/models/quant';
import { DEFAULT_KV } from '#core/models/kv';
import { estimate, type Workload } from '#core/perf/estimate';
import type { Runtime } from '#core/perf/runtime';
import type { SplitMode } from '#core/perf/plan';

export function gpu(name: string): DeviceSpec {
  const r = deviceFromGpuPart(resolvePart(builtinParts, name, { category: 'gpu' }) as PartOf<'gpu'>);
  if (!r.ok) throw new Error(r.message);
  return r.device;
}

export function workload(
  model: string,
  quant: string,
  over: Partial<Omit<Workload, 'model' | 'quant'>> & { runtime?: Runtime; split?: SplitMode } = {},
): Workload {
  const m = resolveModel(model);
  if (!m.ok) throw new Error(m.message);
  return {
    model: m.model,
    quant: parseQuant(quant)!,
    kv: DEFAULT_KV,
    runtime: 'llama.cpp',
    contextTokens: 4096,
    promptTokens: 1024,
    batch: 1,
    split: 'layer',
    instances: 1,
    ...over,
  };
}

export function run(name: string, count: number, w: Workload) {
  return estimate(
    Array.from({ length: count }, () => gpu(name)),
    w,
    null,
  );
}
