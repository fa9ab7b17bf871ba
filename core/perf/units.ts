// One memory unit for every comparison: GB = 10⁹ bytes. Vendors quote DRAM
// capacity (GDDR, HBM, LPDDR unified memory) in binary units: a "24 GB"
// RTX 3090 holds 24 GiB = 25.77 GB (nvidia-smi: 24576 MiB). On-chip SRAM
// figures are taken as published (GroqChip 230 MB, the seed case's decimal).

/** Bytes in one GiB. */
export const GIB = 2 ** 30;
/** GB (10⁹ bytes) in one GiB. */
export const GB_PER_GIB = GIB / 1e9;

/** GB (10⁹ bytes) of a vendor DRAM figure quoted in binary units. */
export function gbOfBinary(vendorGiB: number): number {
  return vendorGiB * GB_PER_GIB;
}

/** The same amount in GiB, for printing next to GB. */
export function gibOfGB(gb: number): number {
  return gb / GB_PER_GIB;
}
