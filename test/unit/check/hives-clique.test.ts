import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bronKerbosch, maximalCliques } from '#core/check/hives';

const graph = (n: number, edges: Array<[number, number]>) => {
  const adj = Array.from({ length: n }, () => new Set<number>());
  for (const [a, b] of edges) {
    adj[a]!.add(b);
    adj[b]!.add(a);
  }
  return adj;
};

describe('hives are maximal cliques of the peer graph', () => {
  it('a transitive relation gives its components', () => {
    expect(
      maximalCliques(
        graph(6, [
          [0, 1],
          [0, 2],
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toEqual([[0, 1, 2], [3, 4], [5]]);
  });

  it('A–B over NVLink and A–C under one root complex do not make B and C peers', () => {
    // GPU1 sits on the other socket but is bridged to GPU0; GPU2 shares GPU0's root complex.
    const hives = maximalCliques(
      graph(3, [
        [0, 1],
        [0, 2],
      ]),
    );
    expect(hives.sort()).toEqual([
      [0, 1],
      [0, 2],
    ]);
  });

  it('a chassis without GPUs has no hive', () => {
    expect(maximalCliques([])).toEqual([]);
  });

  it('eight GPUs behind one root complex are one hive', () => {
    const edges: Array<[number, number]> = [];
    for (let i = 0; i < 8; i++) for (let j = i + 1; j < 8; j++) edges.push([i, j]);
    expect(maximalCliques(graph(8, edges))).toEqual([[0, 1, 2, 3, 4, 5, 6, 7]]);
  });
});

describe('the shortcut for graphs made of complete parts', () => {
  it('gives what the search gives, in the same order, on random graphs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            // Either random edges, or random complete parts (the shortcut's case).
            fc.oneof(
              fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 30 }),
              fc.array(fc.nat(3), { minLength: n, maxLength: n }).map((part) => {
                const edges: Array<[number, number]> = [];
                for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (part[i] === part[j]) edges.push([i, j]);
                return edges;
              }),
            ),
          ),
        ),
        ([n, edges]) => {
          const adj = graph(
            n,
            edges.filter(([a, b]) => a !== b),
          );
          expect(maximalCliques(adj)).toEqual(bronKerbosch(adj));
        },
      ),
      { numRuns: 300 },
    );
  });
});
