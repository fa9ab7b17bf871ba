// Median time of a full check of the 512-card, 8-rack Groq example (goal <= 5 ms).
import { readFileSync } from 'node:fs';
import { parseBuildText } from '#core/build/file';
import { builtinParts } from '#core/catalog/builtin';
import { checkBuild } from '#core/check/checkBuild';

export default async function bench(): Promise<void> {
  const parsed = parseBuildText(readFileSync(new URL('../assets/examples/groq-8-racks.json', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error('groq-8-racks.json does not parse');
  const settings = { mainsVolts: 230, circuitAmps: 32 };
  for (let i = 0; i < 20; i++) checkBuild(parsed.build, builtinParts, settings);
  const times: number[] = [];
  for (let i = 0; i < 101; i++) {
    const t0 = performance.now();
    checkBuild(parsed.build, builtinParts, settings);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`check groq-8-racks (512 cards): ${times[50]!.toFixed(2)} ms (goal <= 5 ms)`);
}
