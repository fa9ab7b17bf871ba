// Every capture cut after every line, and with a line garbled, either parses or
// fails with an AsBuiltParseError naming the expected output and a line of the
// paste — never a TypeError, never a silent half-matrix.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { AsBuiltInputError, observe, type AsBuiltInputs } from '#core/asbuilt/observed';
import { AsBuiltParseError } from '#core/asbuilt/parseError';
import { parseLlamaBench } from '#core/asbuilt/llamaBench';
import { parseVllmBench } from '#core/asbuilt/vllmBench';

const dir = new URL('../../fixtures/asbuilt/', import.meta.url);
const captures = readdirSync(dir).filter((f) => f.endsWith('.txt') && !f.startsWith('vllm-'));
const benches = readdirSync(dir).filter((f) => f.startsWith('llama-bench-') || f.startsWith('vllm-'));
/** Whole outputs the parser must refuse (a header its rows do not match; a summary with no token rate). */
const REFUSED_WHOLE = new Set(['llama-bench-csv-header-mismatch.csv', 'vllm-benchmark-serving-2023.txt']);

function benchOutcome(f: string, text: string): 'ok' | 'refused' {
  try {
    const r = f.startsWith('vllm-') ? parseVllmBench(text) : parseLlamaBench(text);
    for (const x of r) expect(Number.isFinite(x.tps) && x.tps >= 0).toBe(true);
    return 'ok';
  } catch (e) {
    if (!(e instanceof AsBuiltParseError)) throw e;
    expect(e.line).toBeGreaterThanOrEqual(0);
    expect(e.line).toBeLessThanOrEqual(text.split('\n').length);
    expect(e.message).toMatch(/Expected .+: /);
    return 'refused';
  }
}
const boxOf = (f: string): keyof AsBuiltInputs => (f.startsWith('lspci') ? 'lspci' : 'topo');

function outcome(box: keyof AsBuiltInputs, text: string): 'ok' | 'refused' {
  try {
    observe({ [box]: text });
    return 'ok';
  } catch (e) {
    if (!(e instanceof AsBuiltInputError)) throw e;
    const lines = text.replace(/\r\n?/g, '\n').split('\n').length;
    expect(e.parseError.line).toBeGreaterThanOrEqual(0);
    expect(e.parseError.line).toBeLessThanOrEqual(lines);
    expect(e.message).toMatch(/Expected .+ output: /);
    return 'refused';
  }
}

describe('garbage and truncated pastes', () => {
  for (const f of captures) {
    it(`${f}: every cut and a garbled line give a result or a clear refusal`, () => {
      const text = readFileSync(new URL(f, dir), 'utf8');
      const lines = text.split('\n');
      const box = boxOf(f);
      expect(outcome(box, text)).toBe('ok');
      for (let k = 0; k < lines.length; k++) outcome(box, lines.slice(0, k).join('\n'));
      for (let k = 0; k < lines.length; k++) {
        const garbled = [...lines];
        garbled[k] = garbled[k]!.slice(0, Math.floor(garbled[k]!.length / 2)) + ' ??? ';
        outcome(box, garbled.join('\n'));
      }
    });
  }
  for (const f of benches) {
    it(`${f}: measured-speed output cut after every line, or with a line garbled, parses or is refused naming a line`, () => {
      const text = readFileSync(new URL(f, dir), 'utf8');
      const lines = text.split('\n');
      expect(benchOutcome(f, text)).toBe(REFUSED_WHOLE.has(f) ? 'refused' : 'ok');
      for (let k = 0; k < lines.length; k++) benchOutcome(f, lines.slice(0, k).join('\n'));
      for (let k = 0; k < lines.length; k++) {
        const garbled = [...lines];
        garbled[k] = garbled[k]!.slice(0, Math.floor(garbled[k]!.length / 2)) + ' ??? ';
        benchOutcome(f, garbled.join('\n'));
      }
    });
  }
  it('a topo -m cut inside the GPU rows is refused, never read as a smaller machine', () => {
    const text = readFileSync(new URL('sys-4028gr-trt2.topo.txt', dir), 'utf8').split('\n');
    for (let k = 2; k <= 7; k++) expect(outcome('topo', text.slice(0, k).join('\n'))).toBe('refused');
  });
});
