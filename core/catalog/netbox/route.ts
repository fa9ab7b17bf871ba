// What a NetBox file describes, so it becomes the right kind of part or a
// refusal that says why: power outlets make a PDU (or a UPS, which Rackhive has
// no category for), children and motherboards go into a parent and need wiring
// a NetBox file does not have, network gear is not a server, and a rack device
// becomes a chassis.
import { isDriveBay, isGpuBay, isPcieSlot, pcieSlotSummary } from './bays';
import type { DeviceType } from './deviceType';
import { pcieSlotGroupText } from '../chassis';

export type Route = { kind: 'chassis' } | { kind: 'pdu' } | { kind: 'refuse'; path: string; message: string };

function says(dt: DeviceType, re: RegExp): boolean {
  return [dt.model, dt.partNumber, dt.slug, dt.comments, dt.description].some((s) => s !== null && re.test(s));
}

function slotsText(dt: DeviceType): string {
  const groups = pcieSlotSummary(dt.moduleBays);
  return groups.length ? `its PCIe slots as listed: ${groups.map(pcieSlotGroupText).join(', ')}` : 'it lists no PCIe slots';
}

export function routeOf(dt: DeviceType): Route {
  const name = `${dt.manufacturer} ${dt.model}`;
  if (dt.powerOutlets.length > 0) {
    if (says(dt, /\bups\b|smart-ups|uninterruptible/i))
      return {
        kind: 'refuse',
        path: 'power-outlets',
        message: `${name} is a UPS (it has ${dt.powerOutlets.length} power outlets and calls itself a UPS). Rackhive has no UPS category, so nothing was imported; add it by hand as an "other" part if it belongs in a build.`,
      };
    return { kind: 'pdu' };
  }
  if (dt.isPowered === false)
    return {
      kind: 'refuse',
      path: 'is_powered',
      message: `${name} is not powered (is_powered: false): a shelf, panel or blank, not a server or PDU. Nothing was imported.`,
    };
  if (dt.subdeviceRole === 'child' || dt.uHeight === 0) {
    const role = dt.subdeviceRole === 'child' ? 'subdevice_role: child' : 'u_height: 0';
    const forWhom = dt.comments ? /\bfor\s+((?:[A-Z0-9][\w+-]*\d[\w+-]*)(?:(?:,\s*|\s+and\s+|\s*\/\s*)[A-Z0-9][\w+-]*\d[\w+-]*)*)/.exec(dt.comments) : null;
    const parent = forWhom ? `the file's comments name ${forWhom[1]} as its parent` : 'the file does not name its parent';
    if (says(dt, /\b(motherboard|mainboard|baseboard)\b|^mbd-|\bmbd-/i))
      return {
        kind: 'refuse',
        path: 'subdevice_role',
        message: `${name} is a motherboard (${role}) that sits inside a parent chassis; ${parent}. A Rackhive board needs its sockets and which slot hangs off which CPU, which a NetBox file does not give, so no board was made; ${slotsText(dt)}. Import the parent system's file as the chassis and add the board by hand.`,
      };
    return {
      kind: 'refuse',
      path: dt.subdeviceRole === 'child' ? 'subdevice_role' : 'u_height',
      message: `${name} is a node (${role}) that goes into a device bay of a multi-node parent chassis; ${parent}. Import the parent's file (subdevice_role: parent) as the chassis; the node's board is not in a NetBox file.`,
    };
  }
  const ports = dt.interfaces.filter((i) => !i.mgmtOnly && i.type !== 'virtual').length;
  const serverBays = dt.moduleBays.some((b) => isPcieSlot(b) || isGpuBay(b) || isDriveBay(b));
  if (!serverBays && (ports >= 16 || says(dt, /\b(switch|superswitch|router|firewall)\b/i)))
    return {
      kind: 'refuse',
      path: 'interfaces',
      message: `${name} is network gear (${ports} network ports and no PCIe, GPU or drive bays). Rackhive plans servers, PDUs and racks; a switch is not imported. NICs are catalog parts of their own.`,
    };
  return { kind: 'chassis' };
}
