// Ring all-reduce cost: 2(n−1) steps, each moving 1/n of the message and
// paying the path's step latency (the standard NCCL ring bound).
import type { Link } from './links';

export function allReduceS(messageBytes: number, n: number, link: Link): number {
  if (n <= 1) return 0;
  const steps = 2 * (n - 1);
  return steps * link.latencyS + (steps / n) * (messageBytes / (link.bandwidthGBps * 1e9));
}

/** Tensor parallelism all-reduces twice per layer (after attention and after the FFN). */
export const ALL_REDUCES_PER_LAYER = 2;
