import { z } from 'zod';
import { pcieGen, pcieLanes, qty, text } from '../fields';

// Drives: model files are large; load time is capacity over read speed.
export const StorageSpecs = z.strictObject({
  kind: z.enum(['nvme-ssd', 'sata-ssd', 'sas-ssd', 'hdd']).nullable(),
  capacityGB: qty(),
  formFactor: text(),
  interface: text(),
  pcieGen: pcieGen(),
  pcieLanes: pcieLanes(),
  seqReadMBps: qty(),
  seqWriteMBps: qty(),
  powerW: qty(),
});
export type StorageSpecs = z.infer<typeof StorageSpecs>;
