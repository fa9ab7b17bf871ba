// PCIe link speed as tools print it (GT/s per lane) → generation. Rates from
// the PCI-SIG table the checker already cites (core/check/pcieRates.ts).
import { PCIE_RATES } from '../check/pcieRates';

export function genOfSpeed(gtPerSecond: number): number | null {
  return PCIE_RATES.find((r) => Math.abs(r.gtPerSecond - gtPerSecond) < 0.01)?.gen ?? null;
}
