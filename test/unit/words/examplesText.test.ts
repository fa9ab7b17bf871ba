// Every example's words a person reads — its findings, its build sheet, and
// the human output of `rackhive check` and `rackhive plan` — hold no internal
// ids or codes, no doubled periods and no plural that disagrees with its
// number. The names a builder gave racks and chassis are theirs and allowed;
// anything else on the allowlist below was reviewed by hand.
import { describe, expect, it } from 'vitest';
import { EXAMPLE_BUILDS } from '#core/build/examples';
import { chassisEntries } from '#core/build/places';
import { siteOf } from '#core/build/site';
import { builtinParts } from '#core/catalog/builtin';
import { checkBuild } from '#core/check/checkBuild';
import { perfEstimator } from '#core/compare/estimate';
import { buildSheet } from '#core/sheet/sheet';
import { main } from '#cli/main';
import { CONNECTOR_LABELS } from '#core/words';

/** Reviewed: words that look like ids but are what the thing is called. */
const ALLOWED = new Set<string>([
  // A GitHub repository cited as a source (noonghunna/club-3090).
  'club-3090',
]);

const ID_PATTERNS: [string, RegExp][] = [
  // "cpu1-plx-a", "srv-1", "eps-12v-8pin", "gpu-0": lowercase, hyphenated, with a digit and a letter first.
  ['hyphenated id', /(?<![\w./-])(?=[a-z0-9-]*\d)[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\w/-])/g],
  // "riser-1/a", "r1-node1/GPU0": a place id joined to a slot or device.
  ['slot or device path', /(?<![\w/])[a-z][\w-]*\d[\w-]*\/(?:[a-z]\b|GPU\d+|NIC\d+)/g],
  // "gpu.nvidia.tesla-p40": a catalog part id.
  ['part id', /\b(?:gpu|cpu|board|chassis|psu|nic|riser|rack|bridge|memory|storage|pdu|cable|other|system)\.[a-z0-9-]+\.[a-z0-9.-]+/g],
  // "cpu1", "cpu2-rc": a socket or root complex id.
  ['socket id', /\bcpu\d\b/g],
  // "power.psu-overload": a finding code.
  ['finding code', /\b(?:power|pcie|nic|chassis|rack|memory|riser|bridge|part|placement)\.[a-z]+-[a-z-]+\b/g],
  // A JSON path into the build file.
  ['JSON path', /\b(?:racks|freeStanding)(?:\[\d+\]|\.chassis)/g],
];

const WORDING: [string, RegExp][] = [
  ['doubled period', /(?<!\.)\.\.(?!\.)|[.!?] +\.(?!\.)/g],
  [
    '"1 … s" plural',
    /(?<![\d.,-])\b1 (?!chassis\b|of\b|x\b|Gbps\b|GB\b|MB\b|kW\b|has\b|is\b|was\b|does\b|needs\b|holds\b|peaks\b|draws\b|takes\b|gives\b|runs\b|goes\b|sits\b)[A-Za-z]+s\b/g,
  ],
  ['"all 2" / "1 of 1"', /\ball 2\b|\b1 of 1\b/g],
  ['seed case', /seed case/gi],
];

/** A command line is typed as it is: its file names and flags are not prose. */
const COMMAND = /(^|\s)(CUDA_VISIBLE_DEVICES|HIP_VISIBLE_DEVICES|NCCL_\w+)=|\b(llama-server|llama-cli|vllm serve|python3? )/;

function badTokens(text: string, allowed: ReadonlySet<string>): string[] {
  const out: string[] = [];
  if (COMMAND.test(text)) return out;
  for (const [what, re] of [...ID_PATTERNS, ...WORDING])
    for (const m of text.matchAll(re))
      if (!allowed.has(m[0]) && !ALLOWED.has(m[0])) out.push(`${what}: "${m[0]}" in «${text.slice(Math.max(0, m.index - 40), m.index + 60)}»`);
  for (const id of Object.keys(CONNECTOR_LABELS)) if (id.includes('-') && text.includes(id)) out.push(`connector id: "${id}" in «${text.slice(0, 120)}»`);
  return out;
}

/** Strings of a sheet a person reads: every string but ids, part ids, urls and the raw check result. */
function sheetStrings(value: unknown, key = '', out: string[] = []): string[] {
  if (/(^|[a-z])(id|Id|Ids|ids|key|url|source|code|partId|href)$/.test(key) || key === 'check' || key === 'subjects') return out;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) sheetStrings(v, key, out);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) sheetStrings(v, k, out);
  return out;
}

async function cli(args: string[]): Promise<string> {
  const out: string[] = [];
  await main(args, { out: (l) => out.push(l), err: (l) => out.push(l) });
  return out.join('\n');
}

const estimator = perfEstimator(builtinParts);

describe('the words of every example', () => {
  for (const ex of EXAMPLE_BUILDS) {
    it(ex.id, async () => {
      const b = ex.build;
      // What the builder named their racks and chassis is theirs to name.
      const own = new Set<string>([
        ...b.racks.map((r) => r.label ?? ''),
        ...chassisEntries(b).map((e) => e.chassis.label ?? ''),
        ...chassisEntries(b).flatMap((e) => [`${e.chassis.label}'s`, `${e.chassis.label}/GPU0`]),
      ]);
      const texts: string[] = [ex.title, ex.description];
      const check = checkBuild(b, builtinParts, siteOf(b, null).site);
      for (const f of check.findings) texts.push(f.message, f.hint);
      const sheet = buildSheet({
        buildId: 1,
        build: b,
        catalog: builtinParts,
        itemOf: () => null,
        currency: 'USD',
        site: null,
        estimator,
        generatedOn: '2026-01-01',
      });
      texts.push(...sheetStrings(sheet));
      const file = new URL(`../../../assets/examples/${ex.id}.json`, import.meta.url).pathname;
      texts.push(...(await cli(['check', file])).split('\n'), ...(await cli(['plan', file])).split('\n'));
      const bad = [...new Set(texts.flatMap((t) => badTokens(t, own)))];
      expect(bad).toEqual([]);
    });
  }
});
