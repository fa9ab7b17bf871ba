// The example builds shipped in assets/examples, loaded with static JSON
// imports (core stays free of file I/O) and parsed with the build file's own
// strict rules when this module loads, so a broken example fails the tests.
import { parseBuildValue, formatIssues } from './file';
import type { Build } from './build';
import x9drg from '#assets/examples/sys-4028gr-x9drg.json' with { type: 'json' };
import x10drg from '#assets/examples/sys-4028gr-x10drg.json' with { type: 'json' };
import g482 from '#assets/examples/gigabyte-g482.json' with { type: 'json' };
import esc4000 from '#assets/examples/asus-esc4000-4x-a5000.json' with { type: 'json' };
import groq from '#assets/examples/groq-8-racks.json' with { type: 'json' };
import a100 from '#assets/examples/octal-a100-sxm.json' with { type: 'json' };
import overBudget from '#assets/examples/over-budget.json' with { type: 'json' };
import openFrame from '#assets/examples/open-frame-romed8-4x3090.json' with { type: 'json' };
import towerWrx80 from '#assets/examples/tower-wrx80-3xp40-1x3090.json' with { type: 'json' };
import tr2 from '#assets/examples/sys-4028gr-tr2-10x-gpu.json' with { type: 'json' };
import c4130c from '#assets/examples/c4130-config-c.json' with { type: 'json' };
import k80x4 from '#assets/examples/k80-x4.json' with { type: 'json' };
import dgx1 from '#assets/examples/dgx-1-v100.json' with { type: 'json' };

export interface ExampleBuild {
  /** The file stem, e.g. "sys-4028gr-x10drg". */
  id: string;
  /** The build's name. */
  title: string;
  /** The first sentence of the build's notes. */
  description: string;
  build: Build;
}

/** Example files by stem, in the order the first-run screen offers them. */
export const EXAMPLE_FILES: Readonly<Record<string, unknown>> = {
  'sys-4028gr-x10drg': x10drg,
  'sys-4028gr-x9drg': x9drg,
  'gigabyte-g482': g482,
  'asus-esc4000-4x-a5000': esc4000,
  'octal-a100-sxm': a100,
  'groq-8-racks': groq,
  'over-budget': overBudget,
  'open-frame-romed8-4x3090': openFrame,
  'tower-wrx80-3xp40-1x3090': towerWrx80,
  'sys-4028gr-tr2-10x-gpu': tr2,
  'c4130-config-c': c4130c,
  'k80-x4': k80x4,
  'dgx-1-v100': dgx1,
};

function firstSentence(text: string | undefined): string {
  if (!text) return '';
  const end = text.search(/\.(\s|$)/);
  return end < 0 ? text : text.slice(0, end + 1);
}

export const EXAMPLE_BUILDS: readonly ExampleBuild[] = Object.entries(EXAMPLE_FILES).map(([id, value]) => {
  const parsed = parseBuildValue(value);
  if (!parsed.ok) throw new Error(`assets/examples/${id}.json is not a valid build:\n${formatIssues(parsed.issues)}`);
  return { id, title: parsed.build.name, description: firstSentence(parsed.build.notes), build: parsed.build };
});

export function exampleBuild(id: string): ExampleBuild | undefined {
  return EXAMPLE_BUILDS.find((e) => e.id === id);
}
