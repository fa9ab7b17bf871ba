// Usable PCIe bandwidth per lane and direction, after line encoding (8b/10b up
// to Gen2, 128b/130b for Gen3–5, FLIT for Gen6). Source: PCI-SIG base
// specifications as tabulated at https://en.wikipedia.org/wiki/PCI_Express
// (History and revisions table): Gen3 x16 = 15.75 GB/s ≈ 126 Gbit/s usable of
// 128 GT/s raw per direction.
export const PCIE_RATES = [
  { gen: 1, gtPerSecond: 2.5, encoding: '8b/10b', gbPerSecondPerLane: 0.25 },
  { gen: 2, gtPerSecond: 5, encoding: '8b/10b', gbPerSecondPerLane: 0.5 },
  { gen: 3, gtPerSecond: 8, encoding: '128b/130b', gbPerSecondPerLane: 0.9846 },
  { gen: 4, gtPerSecond: 16, encoding: '128b/130b', gbPerSecondPerLane: 1.969 },
  { gen: 5, gtPerSecond: 32, encoding: '128b/130b', gbPerSecondPerLane: 3.938 },
  { gen: 6, gtPerSecond: 64, encoding: 'PAM4 FLIT', gbPerSecondPerLane: 7.563 },
] as const;

/** GB/s one way over a link of `lanes` at `gen`. */
export function linkGBps(gen: number, lanes: number): number {
  const rate = PCIE_RATES.find((r) => r.gen === gen);
  return rate ? rate.gbPerSecondPerLane * lanes : 0;
}

/** Raw line rate in Gbit/s one way (what the seed analysis quotes: Gen3 x16 ≈ 128 Gbit/s). */
export function linkRawGbps(gen: number, lanes: number): number {
  const rate = PCIE_RATES.find((r) => r.gen === gen);
  return rate ? rate.gtPerSecond * lanes : 0;
}
