// A PCIe switch chip (PLX/Broadcom). Boards reference these by part id.
import { z } from 'zod';
import { count, pcieGen, qty } from '../fields';

export const PcieSwitchSpecs = z.strictObject({
  pcieGen: pcieGen(),
  lanes: count(),
  ports: count(),
  maxHostPorts: count(),
  typicalPowerW: qty(),
  latencyNs: qty(),
});
export type PcieSwitchSpecs = z.infer<typeof PcieSwitchSpecs>;
