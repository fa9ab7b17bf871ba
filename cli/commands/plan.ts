// `rackhive plan <build.json> [--workload N] [--model <id>] [--json]`: the
// command lines that run a build's workload the way the estimate assumes —
// CUDA_VISIBLE_DEVICES in nvidia-smi order with tensor-parallel groups inside
// a hive, and each runtime's split flags. Exit 1 when no plan can be made.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError, printJson, type CliIO, type Command } from '../command';
import { formatIssues, parseBuildText } from '#core/build/file';
import { siteOf } from '#core/build/site';
import { builtinParts } from '#core/catalog/builtin';
import { indexCatalog } from '#core/check/catalog';
import { checkBuild } from '#core/check/checkBuild';
import { resolveModel } from '#core/models/resolve';
import { commandLine, servingPlan, type ServingPlan } from '#core/serve/plan';

const usage = `Usage: rackhive plan <build.json> [--workload N] [--model <id>] [--json]

Prints what to type to run a build's workload: CUDA_VISIBLE_DEVICES ordered
so tensor-parallel groups stay inside one hive, and the runtime's command
(llama.cpp --split-mode/--tensor-split, vLLM --tensor-parallel-size and
--pipeline-parallel-size, exllamav2 --gpu_split, NCCL_P2P_LEVEL).

  --workload N  which of the build's workloads (1 = the first; default: all)
  --model ID    plan the workload for another model from the library
  --json        print the plans as JSON`;

export function formatPlan(plan: ServingPlan, index: number): string[] {
  const w = plan.workload;
  const out = [`Workload ${index}: ${plan.model} ${w.quant} on ${plan.runtime}, ${w.split} split, ${w.instances} instance${w.instances === 1 ? '' : 's'}`];
  if (plan.problem) return [...out, `  cannot plan: ${plan.problem}`];
  if (plan.parallel) out.push(`  tensor parallel ${plan.parallel.tensor} × pipeline parallel ${plan.parallel.pipeline}`);
  plan.groups.forEach((g, i) => {
    out.push(
      `  ${plan.groups.length > 1 ? `#${i + 1} ` : ''}${g.chassisId}: GPUs ${g.gpus.map((x) => `${x.index} (${x.model})`).join(', ')}${g.worstPath ? `; slowest path ${g.worstPath}` : ''}`,
    );
    out.push(`    ${commandLine(g)}`);
  });
  for (const n of plan.notes) out.push(`  note: ${n}`);
  return out;
}

export const planCommand: Command = {
  name: 'plan',
  summary: "print the command lines that run a build's workload (device order, split flags)",
  usage,
  run(argv: string[], io: CliIO): number {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { workload: { type: 'string' }, model: { type: 'string' }, json: { type: 'boolean' } },
    });
    if (positionals.length !== 1) throw new UsageError('expected exactly one build file');
    let text: string;
    try {
      text = readFileSync(positionals[0]!, 'utf8');
    } catch (err) {
      io.err(`rackhive plan: cannot read ${positionals[0]}: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
    const parsed = parseBuildText(text);
    if (!parsed.ok) {
      io.err(`rackhive plan: ${positionals[0]} is not a valid build file:`);
      io.err(formatIssues(parsed.issues));
      return 1;
    }
    const build = parsed.build;
    if (build.workloads.length === 0) {
      io.err(
        `rackhive plan: ${positionals[0]} has no workloads; add one ("workloads": [{ "modelId", "quant", "runtime", "split" }]) or pick one in the editor's Estimates tab.`,
      );
      return 1;
    }
    let picked = build.workloads.map((w, i) => ({ w, i }));
    if (values.workload !== undefined) {
      const n = Number(values.workload);
      if (!Number.isInteger(n) || n < 1 || n > build.workloads.length) throw new UsageError(`--workload must be 1–${build.workloads.length}`);
      picked = [picked[n - 1]!];
    }
    const catalog = indexCatalog(builtinParts);
    const check = checkBuild(build, catalog, siteOf(build, null).site);
    const plans: ServingPlan[] = [];
    for (const { w } of picked) {
      const found = resolveModel(values.model ?? w.modelId);
      if (!found.ok) {
        io.err(`rackhive plan: ${found.message}${found.candidates.length ? ` (try: ${found.candidates.slice(0, 8).join(', ')})` : ''}`);
        return 1;
      }
      const workload = values.model ? { ...w, modelId: found.model.id } : w;
      plans.push(servingPlan(build, catalog, check, workload, found.model));
    }
    if (values.json) printJson(io, { plans: plans.map((p) => ({ ...p, commandLines: p.groups.map(commandLine) })) });
    else
      plans.forEach((p, k) => {
        if (k) io.out('');
        for (const line of formatPlan(p, picked[k]!.i + 1)) io.out(line);
      });
    return plans.some((p) => p.problem) ? 1 : 0;
  },
};
