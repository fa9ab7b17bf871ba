// The performance model's own view of one accelerator: only the facts it uses.
// Adapters (fromCatalog.ts) build it from catalog parts; tests and quick specs
// build it directly, so the model never waits on the catalog's schema.

export type MemoryKind = 'vram' | 'unified' | 'sram';

export interface DeviceSpec {
  id: string;
  name: string;
  /**
   * Calibration group: architecture plus class ("ampere-geforce", "ada-pro",
   * "hopper-hbm", "apple", "groq-sram"). Efficiency factors are fitted per family.
   */
  family: string;
  memoryKind: MemoryKind;
  /**
   * Memory that can hold weights and KV cache, in GB = 10⁹ bytes, the one unit
   * every memory comparison uses (units.ts: a vendor's "24 GB" of DRAM is 24 GiB = 25.77 GB).
   */
  memoryGB: number;
  memBandwidthGBps: number;
  /** Dense fp16 tensor rate used for prefill; for GeForce the FP32-accumulate rate (catalog convention). */
  fp16Tflops: number | null;
  /** Dense int8 tensor rate; FP8 with FP16 accumulate runs at this rate on Ada and Hopper (see matmulTflops for GeForce). */
  int8Tops: number | null;
  /** FP8 tensor cores (Ada, Hopper and later). */
  fp8Native: boolean;
  tdpW: number | null;
  /** PCIe P2P DMA allowed by the driver (false for GeForce). */
  p2pOverPcie: boolean;
  /** NVLink (bridge or SXM fabric) bandwidth per direction per GPU, when present. */
  nvlinkGBps: number | null;
  /** NVLink is a fabric joining every GPU of the board (SXM/NVSwitch), not a 2-way bridge. */
  nvlinkFabric: boolean;
  pcieGen: number | null;
  pcieLanes: number | null;
}

/**
 * Devices without fast fp16 (Pascal P40, Kepler) run matmuls on FP32 or dp4a
 * int8 units. dp4a does 4 int8 MACs per FP32 lane, so FP32 ≈ int8 / 4
 * (P40: 47 TOPS int8, 11.76 TFLOPS FP32 per NVIDIA's datasheet).
 */
export const DP4A_INT8_PER_FP32 = 4;
/** Below this the fp16 figure is a 1:64 legacy rate, not a usable matmul rate. */
export const MIN_USEFUL_FP16_TFLOPS = 1;

/**
 * GeForce tensor cores run FP8 with FP32 accumulate at half the INT8 rate.
 * NVIDIA Ada GPU Architecture whitepaper v2.02, Appendix A Table 2 (GeForce RTX 4090):
 * Peak INT8 Tensor TOPS 660.6/1321.2, Peak FP8 Tensor TFLOPS with FP16 Accumulate
 * 660.6/1321.2, with FP32 Accumulate 330.3/660.6 (footnote 4: the FP32-accumulate
 * figure was "changed to proper number in v.2.02"). FP8 GEMMs in TensorRT-LLM and
 * vLLM accumulate in FP32, so that is the rate prefill gets. Datacenter and
 * workstation Ada/Hopper parts run both accumulate widths at the full rate
 * (L40S datasheet: FP8 733 dense = its INT8 figure).
 */
export const GEFORCE_FP8_FP32_ACCUMULATE_PER_INT8 = 0.5;

/** The family class (familyKey) whose tensor cores halve the FP32-accumulate rates. */
export function halvesFp32Accumulate(d: DeviceSpec): boolean {
  return d.family.endsWith('-geforce');
}

/** The matmul rate prefill should use for a compute precision, in TFLOP/s (null = unknown). */
export function matmulTflops(d: DeviceSpec, precision: 'fp16' | 'fp8' | 'int8'): number | null {
  const fp16 = d.fp16Tflops !== null && d.fp16Tflops >= MIN_USEFUL_FP16_TFLOPS ? d.fp16Tflops : null;
  if (precision === 'fp8' && d.fp8Native && d.int8Tops !== null)
    return halvesFp32Accumulate(d) ? d.int8Tops * GEFORCE_FP8_FP32_ACCUMULATE_PER_INT8 : d.int8Tops;
  if (precision === 'int8' && d.int8Tops !== null && fp16 !== null) return d.int8Tops;
  if (fp16 !== null) return fp16;
  return d.int8Tops !== null ? d.int8Tops / DP4A_INT8_PER_FP32 : null;
}

/**
 * Family key from what a spec sheet says. Architecture decides kernels and
 * clocks; the class separates GeForce (fp16Tflops is the half-rate FP32-
 * accumulate figure, and the driver blocks P2P), HBM datacenter parts, and the
 * rest (workstation / GDDR datacenter).
 */
export function familyKey(input: {
  vendor: string;
  architecture: string | null;
  consumer: boolean;
  memType: string | null;
  sram?: boolean;
  unified?: boolean;
}): string {
  const vendor = input.vendor.toLowerCase();
  const arch = (input.architecture ?? '').toLowerCase();
  if (input.sram || vendor.includes('groq')) return 'groq-sram';
  if (vendor.includes('apple')) return 'apple';
  const hbm = /hbm/i.test(input.memType ?? '');
  // A system-on-module (Jetson/IGX Orin) shares LPDDR with its CPU and has few ALUs per byte of bandwidth.
  const cls = input.unified ? 'soc' : input.consumer ? 'geforce' : hbm ? 'hbm' : 'pro';
  const archNames = ['kepler', 'maxwell', 'pascal', 'volta', 'turing', 'ampere', 'ada', 'hopper', 'blackwell', 'gcn', 'cdna', 'rdna', 'xe'];
  const a = archNames.find((n) => arch.includes(n)) ?? (vendor.includes('amd') ? 'amd' : vendor.includes('intel') ? 'intel' : 'other');
  const prefix = vendor.includes('amd') ? 'amd-' : vendor.includes('intel') ? 'intel-' : '';
  return `${prefix}${a}-${cls}`;
}
