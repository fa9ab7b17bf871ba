// What people call each part category. Kept apart from part.ts (which builds
// the catalog's zod schema as it loads) so the checker and the CLI's check can
// name a category without building that schema.
import type { PartCategory } from './part';

/** What people call each category, in every view (a new category without a name does not compile). */
export const CATEGORY_NAMES: Record<PartCategory, string> = {
  rack: 'Rack',
  chassis: 'System / chassis',
  board: 'Board',
  cpu: 'CPU',
  gpu: 'GPU / accelerator',
  'pcie-switch': 'PCIe switch',
  riser: 'Riser',
  bridge: 'NVLink bridge',
  nic: 'NIC',
  psu: 'PSU',
  memory: 'Memory',
  storage: 'Storage',
  pdu: 'PDU',
  cable: 'Cable',
  other: 'Other',
};

export function categoryName(category: string): string {
  return (CATEGORY_NAMES as Record<string, string>)[category] ?? category;
}
