// The serving plan: device order in nvidia-smi numbering, tensor-parallel
// groups inside hives, vLLM's head-divisibility rule with a valid size
// proposed, llama.cpp's split flags, NCCL_P2P_LEVEL across a host bridge —
// and `rackhive plan` printing the same.
import { describe, expect, it } from 'vitest';
import { builtinParts } from '#core/catalog/builtin';
import { indexCatalog } from '#core/check/catalog';
import { checkBuild } from '#core/check/checkBuild';
import { exampleBuild } from '#core/build/examples';
import { resolveModel } from '#core/models/resolve';
import { bestTensorParallel, commandLine, servingPlan, tensorParallelFits } from '#core/serve/plan';
import type { Build, BuildWorkload } from '#core/build/build';
import { main } from '#cli/main';

const cat = indexCatalog(builtinParts);
const model = (id: string) => {
  const r = resolveModel(id);
  if (!r.ok) throw new Error(r.message);
  return r.model;
};
const planOf = (b: Build, w: BuildWorkload, modelId = w.modelId) =>
  servingPlan(b, cat, checkBuild(b, cat, { mainsVolts: 230, circuitAmps: 16 }), w, model(modelId));

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return main(args, { out: (l) => out.push(l), err: (l) => err.push(l) }).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}
const ex = (f: string) => new URL(`../../../assets/examples/${f}`, import.meta.url).pathname;

describe('vLLM tensor-parallel sizes', () => {
  it('follow the attention- and KV-head rules', () => {
    // Llama 3.1 70B: 64 heads, 8 KV heads (config.json).
    expect(tensorParallelFits({ attentionHeads: 64, kvHeads: 8 }, 8)).toEqual({ ok: true });
    expect(tensorParallelFits({ attentionHeads: 64, kvHeads: 8 }, 16)).toEqual({ ok: true }); // KV heads replicate 2×
    expect(tensorParallelFits({ attentionHeads: 28, kvHeads: 4 }, 8)).toMatchObject({ ok: false, reason: '28 attention heads are not divisible by 8' });
    expect(tensorParallelFits({ attentionHeads: 40, kvHeads: 10 }, 8).ok).toBe(false); // 10 KV heads over 8 GPUs
    expect(bestTensorParallel({ attentionHeads: 28, kvHeads: 4 }, 8)).toEqual({ tensor: 4, pipeline: 2 });
    expect(bestTensorParallel({ attentionHeads: 52, kvHeads: 52 }, 8)).toEqual({ tensor: 4, pipeline: 2 });
  });
});

describe('servingPlan', () => {
  const x10 = exampleBuild('sys-4028gr-x10drg')!.build;
  const esc = exampleBuild('asus-esc4000-4x-a5000')!.build;

  it('X10DRG, 70B on vLLM TP 8: all eight GPUs in PCI order, NCCL told to use P2P through the host bridge', () => {
    const plan = planOf(x10, x10.workloads[0]!);
    expect(plan.problem).toBeNull();
    expect(plan.parallel).toEqual({ tensor: 8, pipeline: 1 });
    expect(plan.groups).toHaveLength(1);
    const g = plan.groups[0]!;
    expect(g.env).toEqual({ CUDA_DEVICE_ORDER: 'PCI_BUS_ID', CUDA_VISIBLE_DEVICES: '0,1,2,3,4,5,6,7', NCCL_P2P_LEVEL: 'PHB' });
    expect(g.worstPath).toBe('PHB');
    expect(commandLine(g)).toMatch(/vllm serve meta-llama\/Llama-3\.1-70B --tensor-parallel-size 8 --pipeline-parallel-size 1 --max-model-len \d+/);
  });

  it('a model whose heads TP 8 does not divide is refused with the reason and a valid size', () => {
    const plan = planOf(x10, x10.workloads[0]!, 'qwen2.5-7b');
    expect(plan.parallel).toEqual({ tensor: 4, pipeline: 2 });
    expect(plan.notes.join(' ')).toContain(
      'Tensor parallel over 8 GPUs is refused for Qwen2.5 7B: 28 attention heads are not divisible by 8. Use --tensor-parallel-size 4 --pipeline-parallel-size 2 instead.',
    );
  });

  it('two instances on four A5000s: one pair per instance, each inside one socket, on its own port', () => {
    const plan = planOf(esc, esc.workloads[0]!);
    expect(plan.groups.map((g) => g.env.CUDA_VISIBLE_DEVICES)).toEqual(['0,1', '2,3']);
    expect(plan.groups.map((g) => g.command)).toEqual([expect.stringContaining('--port 8000'), expect.stringContaining('--port 8001')]);
    for (const g of plan.groups) expect(g.command).toMatch(/^llama-server -m \S+\.gguf -ngl 999 -c \d+ --port \d+ --split-mode layer$/);
  });

  it('llama.cpp gets --tensor-split by VRAM when the cards differ', () => {
    const b = structuredClone(esc);
    b.racks[0]!.chassis[0]!.devices[0]!.partId = 'gpu.nvidia.rtx-3060-12gb';
    const plan = planOf(b, { ...esc.workloads[0]!, instances: 1 });
    expect(plan.groups[0]!.gpus.map((g) => g.model)).toEqual(['GeForce RTX 3060 12GB', 'RTX A5000', 'RTX A5000', 'RTX A5000']);
    expect(plan.groups[0]!.command).toContain('--split-mode layer --tensor-split 12,24,24,24');
  });

  it('says why when there is nothing to plan', () => {
    const groq = exampleBuild('groq-8-racks')!.build;
    expect(planOf(groq, groq.workloads[0]!).problem).toMatch(/GroqWare/);
    const empty: Build = { ...x10, racks: [] };
    expect(planOf(empty, x10.workloads[0]!).problem).toMatch(/no working GPU/);
  });
});

describe('rackhive plan', () => {
  it('prints the device order and the runtime command for the example', async () => {
    const r = await run(['plan', ex('sys-4028gr-x10drg.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('CUDA_VISIBLE_DEVICES=0,1,2,3,4,5,6,7');
    expect(r.out).toContain('vllm serve meta-llama/Llama-3.1-70B --tensor-parallel-size 8');
  });
  it('--model with heads TP 8 does not divide: says so and proposes a valid size; --json carries command lines', async () => {
    const r = await run(['plan', ex('sys-4028gr-x10drg.json'), '--model', 'qwen2.5-7b', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.plans[0].parallel).toEqual({ tensor: 4, pipeline: 2 });
    expect(j.plans[0].notes[0]).toMatch(/not divisible by 8/);
    expect(j.plans[0].commandLines[0]).toMatch(
      /^CUDA_DEVICE_ORDER=PCI_BUS_ID CUDA_VISIBLE_DEVICES=0,1,2,3,4,5,6,7 NCCL_P2P_LEVEL=PHB vllm serve Qwen\/Qwen2.5-7B --tensor-parallel-size 4 --pipeline-parallel-size 2/,
    );
  });
  it('bad input: a missing workload index is a usage error', async () => {
    const r = await run(['plan', ex('sys-4028gr-x10drg.json'), '--workload', '5']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--workload must be 1–1');
  });
});
