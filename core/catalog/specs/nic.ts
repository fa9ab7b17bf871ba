// Network adapters (and DPUs): what matters is speed, lanes and RDMA for multi-node.
import { z } from 'zod';
import { count, flag, pcieGen, pcieLanes, qty, text } from '../fields';

export const NicSpecs = z.strictObject({
  kind: z.enum(['nic', 'dpu', 'hfi']),
  ports: count(),
  /** Fastest rate of one port. */
  portSpeedGbps: qty(),
  protocols: z.array(z.enum(['infiniband', 'ethernet', 'omni-path'])).nullable(),
  /** InfiniBand rate name (FDR, EDR, HDR, NDR); null for Ethernet-only or unknown. */
  ibRate: text(),
  connector: text(),
  pcieGen: pcieGen(),
  pcieLanes: pcieLanes(),
  rdma: flag(),
  /** RoCE, iWARP … when the adapter does RDMA over Ethernet. */
  rdmaOverEthernet: text(),
  gpudirectRdma: flag(),
  typicalPowerW: qty(),
});
export type NicSpecs = z.infer<typeof NicSpecs>;
