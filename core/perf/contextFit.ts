// Long context: does the KV cache for the workload's whole context (× batch)
// fit next to the weights, and if not, how much context would. Checked per
// device of one instance; the tightest device decides. All in GB = 10⁹ bytes
// (GiB alongside for people reading nvidia-smi).
import type { InstancePlan } from './plan';
import type { MemoryLine } from './memory';
import { gibOfGB } from './units';

export interface ContextFit {
  contextTokens: number;
  batch: number;
  /** KV cache on the device that holds the most of it. */
  kvGB: number;
  kvGiB: number;
  /** The fullest device (most memory used against its capacity): what it needs in all, of what it has. */
  device: string;
  weightsGiB: number;
  usedGiB: number;
  capacityGiB: number;
  /** Every device holds weights, overhead and this context's KV cache. */
  fits: boolean;
  /** The weights and runtime overhead fit; only the context's KV cache does not. */
  weightsFit: boolean;
  /** The most context tokens per sequence that fit at this batch (rounded down to 256); null when even the weights do not fit. */
  maxContextTokens: number | null;
  message: string;
}

const ROUND = 256;
const n = (x: number) => x.toLocaleString('en-US');

export function contextFit(plan: InstancePlan, mem: readonly MemoryLine[], contextTokens: number, batch: number): ContextFit {
  const kvGB = Math.max(0, ...mem.map((l) => l.kvGB));
  const fullest = mem.reduce((a, l) => (l.usedGB / l.capacityGB > a.usedGB / a.capacityGB ? l : a), mem[0]!);
  const fits = mem.every((l) => l.overflowGB === 0);
  const weightsFit = mem.every((l) => l.weightsGB + l.overheadGB <= l.capacityGB);
  let maxContextTokens: number | null = null;
  if (weightsFit) {
    const perDevice = plan.shares.map((s, k) => {
      const l = mem[k]!;
      const perToken = s.kvBytesPerToken * batch;
      return perToken > 0 ? ((l.capacityGB - l.weightsGB - l.overheadGB) * 1e9) / perToken : Infinity;
    });
    const tokens = Math.min(...perDevice);
    maxContextTokens = Number.isFinite(tokens) ? Math.floor(tokens / ROUND) * ROUND : null;
  }
  const at = `${n(contextTokens)} tokens of context${batch > 1 ? ` × ${batch} sequences` : ''}`;
  const kv = `${kvGB.toFixed(1)} GB (${gibOfGB(kvGB).toFixed(1)} GiB) of KV cache on the fullest device`;
  let message: string;
  if (fits) message = `KV cache checked at the workload's context: ${at} = ${kv}; it fits`;
  else if (weightsFit)
    message = `the weights fit but the context does not: ${at} needs ${kv}; at most ≈ ${n(maxContextTokens ?? 0)} tokens of context fit${batch > 1 ? ` per sequence at batch ${batch}` : ''} (or quantise the KV cache, or add memory)`;
  else message = `the weights and runtime overhead alone do not fit, before any context (${at} would add ${kv})`;
  return {
    contextTokens,
    batch,
    kvGB,
    kvGiB: gibOfGB(kvGB),
    device: fullest.device,
    weightsGiB: gibOfGB(fullest.weightsGB),
    usedGiB: fullest.usedGiB,
    capacityGiB: fullest.capacityGiB,
    fits,
    weightsFit,
    maxContextTokens,
    message,
  };
}
