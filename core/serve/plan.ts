// The serving plan: what a person types to run a build's workload the way the
// estimate assumed it. GPUs are numbered as nvidia-smi numbers them (PCI bus
// order, hence CUDA_DEVICE_ORDER=PCI_BUS_ID), instances are laid so that a
// tensor-parallel group sits inside one hive where the build allows, and each
// runtime gets its own flags:
//
// - llama.cpp: --split-mode layer|row, --tensor-split by VRAM for unequal cards,
//   -ngl 999 (every layer on the GPUs), -c the context.
// - vLLM: --tensor-parallel-size × --pipeline-parallel-size = the group. vLLM
//   refuses a TP size that does not divide the attention heads, and one that
//   neither divides nor is a multiple of the KV heads; the plan says so and
//   offers the largest size that works.
// - exllamav2: -gs/--gpu_split (GB per GPU), -tp for tensor parallel.
// - NCCL_P2P_LEVEL=PHB where a tensor-parallel group's peers meet only through
//   the host bridge: NCCL uses P2P up to PXB by default on Intel hosts
//   (https://docs.nvidia.com/deeplearning/nccl/user-guide/docs/env.html, NCCL_P2P_LEVEL).
import type { Build, BuildWorkload } from '../build/build';
import type { CatalogIndex } from '../check/catalog';
import type { CheckResult } from '../check/checkBuild';
import type { PathClass } from '../check/pathClass';
import type { LlmModel } from '../models/llm';
import { placesOf } from '../build/places';

/** Runtimes the plan writes commands for. */
export const PLANNED_RUNTIMES = ['llama.cpp', 'exllamav2', 'vllm', 'tensorrt-llm', 'transformers'];

export interface PlanGpu {
  /** Index in the chassis as nvidia-smi and CUDA (PCI bus order) number it. */
  index: number;
  label: string;
  /** The matrix row's device id ("gpu-0", or "k80-0:1" for GPU 1 of a dual-GPU card). */
  deviceId: string;
  /** The placed card it is on (the build's device id). */
  cardId: string;
  model: string;
  vendor: string;
  vramGB: number | null;
  /** Hive indices (within the chassis) the GPU belongs to. */
  hives: number[];
}

export interface PlanGroup {
  chassisId: string;
  gpus: PlanGpu[];
  /** The slowest path between two GPUs of the group (nvidia-smi topo -m class). */
  worstPath: PathClass | null;
  env: Record<string, string>;
  /** One line per runtime command, ready to paste. */
  command: string;
}

export interface ParallelSize {
  tensor: number;
  pipeline: number;
}

export interface ServingPlan {
  workload: BuildWorkload;
  model: string;
  runtime: string;
  groups: PlanGroup[];
  /** vLLM / TensorRT-LLM only: the sizes used, and why a requested size was changed. */
  parallel: ParallelSize | null;
  /** Things the person should know before running it. */
  notes: string[];
  /** Set when no plan can be made (no GPUs, unknown model…). */
  problem: string | null;
}

/** Whether vLLM accepts this tensor-parallel size for the model (its attention-head rules). */
export function tensorParallelFits(model: Pick<LlmModel, 'attentionHeads' | 'kvHeads'>, tp: number): { ok: true } | { ok: false; reason: string } {
  if (model.attentionHeads % tp !== 0) return { ok: false, reason: `${model.attentionHeads} attention heads are not divisible by ${tp}` };
  const kv = model.kvHeads;
  if (kv >= tp ? kv % tp !== 0 : tp % kv !== 0)
    return { ok: false, reason: `${kv} KV heads neither divide evenly over ${tp} GPUs nor replicate evenly across them` };
  return { ok: true };
}

/** The largest tensor-parallel size ≤ n that divides n (so the rest is pipeline stages) and that the model accepts. */
export function bestTensorParallel(model: Pick<LlmModel, 'attentionHeads' | 'kvHeads'>, n: number): ParallelSize {
  for (let tp = n; tp >= 1; tp--) if (n % tp === 0 && tensorParallelFits(model, tp).ok) return { tensor: tp, pipeline: n / tp };
  return { tensor: 1, pipeline: n };
}

/** "meta-llama/Llama-3.1-70B" from a model's Hugging Face config.json URL; null when it is not on the Hub. */
export function huggingFaceId(model: Pick<LlmModel, 'sourceUrl'>): string | null {
  const m = /^https:\/\/huggingface\.co\/([^/]+)\/([^/]+)\//.exec(model.sourceUrl);
  return m ? `${m[1]}/${m[2]}` : null;
}

// Path classes from nearest to farthest, as NCCL orders them.
const DISTANCE: Record<string, number> = { X: 0, C2C: 1, PIX: 3, PXB: 4, PHB: 5, NODE: 6, SYS: 7 };
const distance = (c: PathClass) => (c.startsWith('NV') ? 1 : (DISTANCE[c] ?? 8));

function gpusOf(build: Build, catalog: CatalogIndex, check: CheckResult): Map<string, PlanGpu[]> {
  const dead = new Set(check.findings.filter((f) => f.code === 'chassis.slot-dead').map((f) => `${f.subjects[0]}/${f.subjects[1]}`));
  const out = new Map<string, PlanGpu[]>();
  for (const m of check.p2pMatrix) {
    const chassis = placesOf(build)
      .flatMap((r) => r.chassis)
      .find((c) => c.id === m.chassisId);
    const hives = check.hives.filter((h) => h.chassisId === m.chassisId);
    const list: PlanGpu[] = [];
    let index = 0;
    m.deviceIds.forEach((id, i) => {
      // A card with several GPUs (K80, M10) shows one matrix row per GPU: "k80-0:1" is GPU 1 of card k80-0.
      const cardId = id.split(':')[0]!;
      const placed = chassis?.devices.find((d) => d.id === cardId);
      const part = placed ? catalog.get(placed.partId) : undefined;
      if (part?.category !== 'gpu') return;
      // The OS does not see a card in a dead slot, so it takes no number.
      if (dead.has(`${m.chassisId}/${cardId}`)) return;
      const vram = part.specs.vramGB === null ? null : part.specs.vramGB / part.specs.devicesPerBoard;
      list.push({
        index: index++,
        label: m.labels[i] ?? id,
        deviceId: id,
        cardId,
        model: part.model,
        vendor: part.vendor,
        vramGB: vram,
        hives: hives.flatMap((h, hi) => (h.deviceIds.includes(id) ? [hi] : [])),
      });
    });
    if (list.length) out.set(m.chassisId, list);
  }
  return out;
}

function cellOf(check: CheckResult, chassisId: string, a: string, b: string): PathClass | null {
  const m = check.p2pMatrix.find((x) => x.chassisId === chassisId);
  if (!m) return null;
  const i = m.deviceIds.indexOf(a);
  const j = m.deviceIds.indexOf(b);
  return i >= 0 && j >= 0 ? (m.cells[i]![j]! as PathClass) : null;
}

function worstPath(check: CheckResult, chassisId: string, gpus: PlanGpu[]): PathClass | null {
  let worst: PathClass | null = null;
  for (const a of gpus)
    for (const b of gpus) {
      if (a === b) continue;
      const c = cellOf(check, chassisId, a.deviceId, b.deviceId);
      if (c && (worst === null || distance(c) > distance(worst))) worst = c;
    }
  return worst;
}

/** "Intel" / "AMD" from the chassis' first placed CPU; null when none is placed or known. */
function cpuVendorOf(build: Build, catalog: CatalogIndex, chassisId: string): string | null {
  const chassis = placesOf(build)
    .flatMap((r) => r.chassis)
    .find((c) => c.id === chassisId);
  const cpu = chassis?.cpus.map((c) => catalog.get(c.partId)).find((p) => p?.category === 'cpu');
  return cpu ? cpu.vendor : null;
}

/** Devices of one chassis in an order that keeps hive members next to each other (so groups stay inside hives). */
function hiveOrder(gpus: PlanGpu[]): PlanGpu[] {
  return [...gpus].sort((a, b) => (a.hives[0] ?? 1e9) - (b.hives[0] ?? 1e9) || a.index - b.index);
}

const fmtGB = (gb: number) => (Math.floor(gb * 10) / 10).toFixed(1);

function commandFor(runtime: string, gpus: PlanGpu[], model: LlmModel, w: BuildWorkload, parallel: ParallelSize | null, port: number): string {
  const ctx = w.contextTokens ?? 4096;
  const hf = huggingFaceId(model) ?? `<${model.id} weights>`;
  const gguf = `${model.id}-${w.quant}.gguf`;
  const split = gpus.length > 1 ? (w.split === 'tensor' ? 'tensor' : 'layer') : 'single';
  switch (runtime) {
    case 'llama.cpp': {
      const vram = gpus.map((g) => g.vramGB);
      const unequal = vram.every((v) => v !== null) && new Set(vram).size > 1;
      const parts = [`llama-server -m ${gguf} -ngl 999 -c ${ctx} --port ${port}`];
      if (split !== 'single') parts.push(`--split-mode ${split === 'tensor' ? 'row' : 'layer'}`);
      if (split !== 'single' && unequal) parts.push(`--tensor-split ${vram.map((v) => String(Math.round(v!))).join(',')}`);
      return parts.join(' ');
    }
    case 'exllamav2': {
      const parts = [`python test_inference.py -m <${model.id} ${w.quant} folder> -l ${ctx}`];
      if (split === 'tensor') parts.push('-tp');
      else if (split === 'layer') parts.push(`-gs ${gpus.map((g) => (g.vramGB === null ? 'auto' : fmtGB(g.vramGB - 1))).join(',')}`);
      return parts.join(' ');
    }
    case 'vllm': {
      const p = parallel ?? { tensor: 1, pipeline: 1 };
      return `vllm serve ${hf} --tensor-parallel-size ${p.tensor} --pipeline-parallel-size ${p.pipeline} --max-model-len ${ctx} --port ${port}`;
    }
    case 'tensorrt-llm': {
      const p = parallel ?? { tensor: 1, pipeline: 1 };
      return `trtllm-serve ${hf} --tp_size ${p.tensor} --pp_size ${p.pipeline} --max_seq_len ${ctx} --port ${port}`;
    }
    default:
      // transformers has no server of its own: device_map="auto" spreads the layers over the visible GPUs (needs accelerate).
      return `python -c 'from transformers import pipeline; pipeline("text-generation", model="${hf}", device_map="auto")'`;
  }
}

/**
 * The plan for one workload of a build, from the checker's result (its matrix
 * and hives) and the model's shape. Pure: the same inputs give the same lines.
 */
export function servingPlan(build: Build, catalog: CatalogIndex, check: CheckResult, workload: BuildWorkload, model: LlmModel): ServingPlan {
  const base: ServingPlan = { workload, model: model.name, runtime: workload.runtime, groups: [], parallel: null, notes: [], problem: null };
  if (!PLANNED_RUNTIMES.includes(workload.runtime)) {
    const why =
      workload.runtime === 'groq'
        ? 'GroqCards run a model compiled by GroqWare for the whole chip set, not a per-GPU command'
        : `Rackhive has no command recipe for ${workload.runtime}`;
    return { ...base, problem: `${why}; plans cover ${PLANNED_RUNTIMES.join(', ')}.` };
  }
  const byChassis = gpusOf(build, catalog, check);
  let chosen = [...byChassis.entries()].map(([chassisId, gpus]) => ({ chassisId, gpus }));
  if (workload.devices?.length) {
    const wanted = new Set(workload.devices);
    chosen = chosen.map((c) => ({ ...c, gpus: c.gpus.filter((g) => wanted.has(g.cardId) || wanted.has(g.deviceId)) })).filter((c) => c.gpus.length);
  }
  const all = chosen.flatMap((c) => c.gpus.map((g) => ({ chassisId: c.chassisId, g })));
  if (all.length === 0) return { ...base, problem: 'This build has no working GPU to run it on (none placed, or every one in a dead slot).' };

  const instances = workload.split === 'replica' ? all.length : Math.max(1, workload.instances);
  if (instances > all.length) return { ...base, problem: `${instances} instances need at least ${instances} GPUs; the build has ${all.length}.` };
  if (all.length % instances !== 0) base.notes.push(`${all.length} GPUs do not split evenly into ${instances} instances; ${all.length % instances} stay idle.`);
  const per = Math.floor(all.length / instances);

  // Lay instances chassis by chassis, hive members adjacent, so a group spans as few hops as the build allows.
  const ordered = chosen.flatMap((c) => hiveOrder(c.gpus).map((g) => ({ chassisId: c.chassisId, g })));
  let parallel: ParallelSize | null = null;
  if (workload.runtime === 'vllm' || workload.runtime === 'tensorrt-llm') {
    if (workload.split === 'tensor' && per > 1) {
      const fits = tensorParallelFits(model, per);
      parallel = fits.ok ? { tensor: per, pipeline: 1 } : bestTensorParallel(model, per);
      if (!fits.ok)
        base.notes.push(
          `Tensor parallel over ${per} GPUs is refused for ${model.name}: ${fits.reason}. Use --tensor-parallel-size ${parallel.tensor} --pipeline-parallel-size ${parallel.pipeline} instead.`,
        );
    } else if (workload.split === 'layer' && per > 1) parallel = { tensor: 1, pipeline: per };
    else parallel = { tensor: 1, pipeline: 1 };
  }

  for (let i = 0; i < instances; i++) {
    const slice = ordered.slice(i * per, (i + 1) * per);
    const chassisIds = [...new Set(slice.map((s) => s.chassisId))];
    if (chassisIds.length > 1) {
      base.notes.push(
        `Instance ${i + 1} spans ${chassisIds.length} machines: run it as a multi-node job (vLLM with Ray, llama.cpp with its RPC backend); the commands below are per machine.`,
      );
    }
    for (const chassisId of chassisIds) {
      const gpus = slice.filter((s) => s.chassisId === chassisId).map((s) => s.g);
      const worst = worstPath(check, chassisId, gpus);
      const ids = gpus.map((g) => g.index).join(',');
      // ROCm numbers GPUs in PCI order and reads HIP_VISIBLE_DEVICES; CUDA needs PCI_BUS_ID to match nvidia-smi.
      const amd = gpus.every((g) => g.vendor === 'AMD');
      const env: Record<string, string> = amd ? { HIP_VISIBLE_DEVICES: ids } : { CUDA_DEVICE_ORDER: 'PCI_BUS_ID', CUDA_VISIBLE_DEVICES: ids };
      const tensorGroup = workload.split === 'tensor' && gpus.length > 1;
      if (tensorGroup && worst === 'PHB') {
        const vendor = cpuVendorOf(build, catalog, chassisId);
        if (vendor !== 'AMD') env.NCCL_P2P_LEVEL = 'PHB';
        if (vendor === null)
          base.notes.push(
            'The CPUs are not placed, so NCCL_P2P_LEVEL=PHB is set as for an Intel host (AMD hosts allow P2P through the host bridge by default).',
          );
      }
      if (tensorGroup && (worst === 'NODE' || worst === 'SYS'))
        base.notes.push(
          `GPUs ${gpus.map((g) => g.index).join(',')} meet only across ${worst === 'SYS' ? 'the inter-socket link' : 'host bridges'} (${worst}): tensor-parallel all-reduces go through host memory and are slow; a layer split or fewer GPUs per instance is usually faster.`,
        );
      base.groups.push({ chassisId, gpus, worstPath: worst, env, command: commandFor(workload.runtime, gpus, model, workload, parallel, 8000 + i) });
    }
  }
  return { ...base, parallel };
}

/** "CUDA_DEVICE_ORDER=PCI_BUS_ID CUDA_VISIBLE_DEVICES=0,1 vllm serve …": one line to paste. */
export function commandLine(group: PlanGroup): string {
  return [...Object.entries(group.env).map(([k, v]) => `${k}=${v}`), group.command].join(' ');
}
