// Tensor parallel through host memory pays what public same-rig A/Bs measured
// against PCIe P2P (RTX 3090s, vLLM: github.com/noonghunna/club-3090 issue #91
// and pull request #928): the median of six, 8.3 % per decode step.
import { describe, expect, it } from 'vitest';
import { estimate } from '#core/perf/estimate';
import { HOST_STAGED_TP, linkFor } from '#core/perf/links';
import { gpu, workload } from './helpers';

describe('tensor parallel through host memory (NODE, SYS, or no P2P)', () => {
  const ds = [gpu('RTX A5000'), gpu('RTX A5000')];
  const w = workload('llama-2-13b', 'Q8_0', { split: 'tensor', runtime: 'vllm' });

  it('the link says when collectives go through host memory', () => {
    expect(linkFor('PHB', { p2p: true }).hostStaged).toBe(false);
    expect(linkFor('PHB', { p2p: false }).hostStaged).toBe(true);
    expect(linkFor('NODE', { p2p: true }).hostStaged).toBe(true);
    expect(linkFor('SYS', { p2p: true }).hostStaged).toBe(true);
    expect(linkFor('NV', { p2p: true }).hostStaged).toBe(false);
  });

  it('the same pair decodes about 8.3 % slower without P2P (the measured median), and the assumptions say why with the source', () => {
    const p2p = estimate(ds, w, { pathClass: () => 'PHB', p2p: () => true, source: 'test' });
    const host = estimate(ds, w, { pathClass: () => 'PHB', p2p: () => false, source: 'test' });
    const ratio = p2p.decodeTps / host.decodeTps;
    // 1.083 from the penalty; the halved bandwidth of the host bounce adds a little at batch 1.
    expect(ratio).toBeGreaterThan(1 + HOST_STAGED_TP.decodePenalty - 0.005);
    expect(ratio).toBeLessThan(1 + HOST_STAGED_TP.decodePenalty + 0.02);
    expect(host.assumptions.some((a) => a.startsWith('tensor parallel through host memory (PHB') && a.includes('club-3090'))).toBe(true);
    expect(p2p.assumptions.some((a) => a.startsWith('tensor parallel through host memory'))).toBe(false);
  });

  it('a NODE pair pays it too; a layer split does not (no all-reduce)', () => {
    const node = estimate(ds, w, { pathClass: () => 'NODE', p2p: () => true, source: 'test' });
    expect(node.assumptions.some((a) => a.startsWith('tensor parallel through host memory (NODE'))).toBe(true);
    const layer = estimate(ds, { ...w, split: 'layer' }, { pathClass: () => 'NODE', p2p: () => true, source: 'test' });
    expect(layer.assumptions.some((a) => a.startsWith('tensor parallel through host memory'))).toBe(false);
  });
});
