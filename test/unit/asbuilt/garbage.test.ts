// Every capture cut after every line, and with a line garbled, either parses or
// fails with an AsBuiltParseError naming the expected output and a line of the
// paste — never a TypeError, never a silent half-matrix.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { AsBuiltInputError, observe, type AsBuiltInputs } from '#core/asbuilt/observed';

const dir = new URL('../../fixtures/asbuilt/', import.meta.url);
const captures = readdirSync(dir).filter((f) => f.endsWith('.txt'));
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
        garbled[k] = garbled[k]!.slice(0, Math.floor(garbled[k]!.length / 2)) + ' ??? ' ;
        outcome(box, garbled.join('\n'));
      }
    });
  }
  it('a topo -m cut inside the GPU rows is refused, never read as a smaller machine', () => {
    const text = readFileSync(new URL('sys-4028gr-trt2.topo.txt', dir), 'utf8').split('\n');
    for (let k = 2; k <= 7; k++) expect(outcome('topo', text.slice(0, k).join('\n'))).toBe('refused');
  });
});
