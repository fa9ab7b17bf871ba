// Builds the benchmarks need that are not shipped: generated from the
// examples, never committed.
import { readFileSync } from 'node:fs';

const example = (stem: string): string => readFileSync(new URL(`../assets/examples/${stem}.json`, import.meta.url), 'utf8');

/** The Groq example: 512 cards in 64 GroqNodes over 8 racks. */
export function groqText(): string {
  return example('groq-8-racks');
}

/**
 * An 80-GPU rack: the ten-P100 SYS-4028GR-TR2 example eight times over in one
 * 42U rack (4U each, stacked from U1), ids made unique per chassis.
 */
export function rack80Text(): string {
  const b = JSON.parse(example('sys-4028gr-tr2-10x-gpu')) as {
    name: string;
    racks: { circuits?: { count: number; amps?: number }; chassis: { id: string; label?: string; positionU: number; devices: { id: string }[] }[] }[];
  };
  const rack = b.racks[0]!;
  const one = rack.chassis[0]!;
  rack.chassis = Array.from({ length: 8 }, (_, k) => ({
    ...structuredClone(one),
    id: `node${k + 1}`,
    label: `node${k + 1}`,
    positionU: 1 + 4 * k,
    devices: one.devices.map((d) => ({ ...d, id: `node${k + 1}-${d.id}` })),
  }));
  rack.circuits = { count: 16, amps: 16 };
  b.name = 'Bench: 80 Tesla P100 in one rack (8 × SYS-4028GR-TR2)';
  return JSON.stringify(b);
}
