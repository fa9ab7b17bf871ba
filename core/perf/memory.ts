// Memory per device: weights + KV cache (GQA-aware) + runtime overhead, the
// verdict, and which device overflows by how much. All in GB = 10⁹ bytes,
// against capacities already converted from the vendor's GiB (units.ts).
import type { LlmModel } from '#core/models/llm';
import type { InstancePlan } from './plan';
import { computeBufferGB, type RuntimeProfile } from './runtime';
import { gibOfGB } from './units';

export interface MemoryLine {
  device: string;
  layers: number;
  weightsGB: number;
  kvGB: number;
  overheadGB: number;
  usedGB: number;
  capacityGB: number;
  /** The same used and capacity figures in GiB (what nvidia-smi and vendor sheets show). */
  usedGiB: number;
  capacityGiB: number;
  /** > 0 when this device does not fit. */
  overflowGB: number;
}

export function overheadGB(runtime: RuntimeProfile, model: LlmModel, capacityGB: number, weightsGB: number, chunkTokens: number): number {
  return (
    runtime.contextOverheadGB +
    computeBufferGB(runtime, chunkTokens, model.vocabSize, model.hiddenSize) +
    runtime.reservedFraction * capacityGB +
    runtime.weightOverheadFraction * weightsGB
  );
}

export function memoryLines(input: { plan: InstancePlan; model: LlmModel; runtime: RuntimeProfile; contextTokens: number; batch: number }): MemoryLine[] {
  return input.plan.shares.map((s) => {
    const weightsGB = s.weightBytes / 1e9;
    const kvGB = (s.kvBytesPerToken * input.contextTokens * input.batch) / 1e9;
    const capacityGB = s.device.memoryGB;
    const oh = overheadGB(input.runtime, input.model, capacityGB, weightsGB, input.contextTokens * input.batch);
    const usedGB = weightsGB + kvGB + oh;
    return {
      device: s.device.name,
      layers: s.layers,
      weightsGB,
      kvGB,
      overheadGB: oh,
      usedGB,
      capacityGB,
      usedGiB: gibOfGB(usedGB),
      capacityGiB: gibOfGB(capacityGB),
      overflowGB: Math.max(0, usedGB - capacityGB),
    };
  });
}

/** Free bytes per device for KV cache after weights and overhead (servers fill this with sequences). */
export function kvBudgetBytes(input: { plan: InstancePlan; model: LlmModel; runtime: RuntimeProfile; chunkTokens: number }): number[] {
  return input.plan.shares.map((s) => {
    const weightsGB = s.weightBytes / 1e9;
    const oh = overheadGB(input.runtime, input.model, s.device.memoryGB, weightsGB, input.chunkTokens);
    return Math.max(0, (s.device.memoryGB - weightsGB - oh) * 1e9);
  });
}
