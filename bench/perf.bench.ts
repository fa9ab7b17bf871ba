// Time to estimate every workload in the model library on the Groq 8-rack
// example and on an 8-GPU server (octal A100 SXM), topology read once per build.
import { readFileSync } from 'node:fs';
import { builtinParts } from '#core/catalog/builtin';
import { parseBuildText } from '#core/build/file';
import { builtinModels } from '#core/models/library';
import { parseQuant } from '#core/models/quant';
import { DEFAULT_KV } from '#core/models/kv';
import { devicesOfBuild } from '#core/perf/fromBuild';
import { estimate, type Workload } from '#core/perf/estimate';

const GOAL_MS = 2;
const REPEAT = 21;
const WARMUP = 5;
/** Reading a build (checkBuild + adapters) is the checker's cost, paid once per build, not per workload. */
const TOPOLOGY_GOAL_MS = 50;

function load(file: string) {
  const r = parseBuildText(readFileSync(new URL(`../assets/examples/${file}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(`${file}: invalid build`);
  return r.build;
}

export default async function bench(): Promise<void> {
  const models = builtinModels.filter((m) => !m.legacy);
  for (const [file, quant, split] of [
    ['groq-8-racks.json', 'INT8', 'layer'],
    ['octal-a100-sxm.json', 'Q4_K_M', 'layer'],
    ['octal-a100-sxm.json', 'FP8', 'tensor'],
  ] as const) {
    const build = load(file);
    const t0 = performance.now();
    const bd = devicesOfBuild(build, builtinParts);
    const topoMs = performance.now() - t0;
    let worst = 0;
    let total = 0;
    for (const model of models) {
      const w: Workload = {
        model,
        quant: parseQuant(quant)!,
        kv: DEFAULT_KV,
        runtime: split === 'tensor' ? 'vllm' : 'llama.cpp',
        contextTokens: 4096,
        promptTokens: 1024,
        batch: 1,
        split,
        instances: 1,
      };
      for (let i = 0; i < WARMUP; i++) estimate(bd.devices, w, bd.topology);
      // Median of single runs: the machine is shared, so one slow run says little.
      const runs: number[] = [];
      for (let i = 0; i < REPEAT; i++) {
        const s = performance.now();
        estimate(bd.devices, w, bd.topology);
        runs.push(performance.now() - s);
      }
      const ms = runs.sort((a, b) => a - b)[Math.floor(REPEAT / 2)]!;
      worst = Math.max(worst, ms);
      total += ms;
    }
    console.log(
      `estimate, ${file} (${bd.devices.length} devices, ${quant} ${split}), worst median of ${models.length} models: ${worst.toFixed(3)} ms (goal <= ${GOAL_MS})`,
    );
    console.log(`estimate, ${file}, mean of medians: ${(total / models.length).toFixed(3)} ms (goal <= ${GOAL_MS})`);
    console.log(`topology read (checkBuild + devices), ${file}: ${topoMs.toFixed(1)} ms (goal <= ${TOPOLOGY_GOAL_MS})`);
  }
}
