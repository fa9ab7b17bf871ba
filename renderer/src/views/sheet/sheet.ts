// Display helpers of the build sheet (pure, so they are tested without a DOM).
import type { BomLine } from '#core/sheet/schema';

/** "#/sheet/12" (optionally "?print") → 12; anything else → null. */
export function sheetIdFromHash(hash: string): number | null {
  const m = /^#\/?sheet\/(\d{1,15})(?:[?/].*)?$/.exec(hash);
  if (!m) return null;
  const id = Number(m[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** "#/sheet/12?print": the sheet is being rendered to PDF (light theme, no toolbar). */
export function isPrintHash(hash: string): boolean {
  return sheetIdFromHash(hash) !== null && /\?(?:.*&)?print(?:[=&]|$)/.test(hash);
}

export function sheetHref(buildId: number): string {
  return `#/sheet/${buildId}`;
}

/** Findings grouped as the editor's panel groups them (core/check/findingGroups.ts). */
export { groupFindings, type FindingGroup } from '#core/check/findingGroups';

/** Places a merged BOM line sits in, shortened when there are many. */
export function whereText(line: Pick<BomLine, 'where'>, max = 3): string {
  if (line.where.length <= max) return line.where.join('; ');
  return `${line.where.slice(0, max).join('; ')}; and ${line.where.length - max} more`;
}

/** A listing URL as printed on paper: host and path, without query strings. */
export function shortUrl(url: string, max = 60): string {
  try {
    const u = new URL(url);
    const text = `${u.host}${u.pathname}`;
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
  } catch {
    return url.length > max ? `${url.slice(0, max - 1)}…` : url;
  }
}

/** Path classes of the P2P matrix, best first, with what they mean. */
export const PATH_CLASS_NOTES: Record<string, string> = {
  X: 'self',
  NV: 'NVLink',
  C2C: 'chip-to-chip link',
  PIX: 'through one PCIe switch',
  PXB: 'through several PCIe switches',
  PHB: 'through the root complex (host bridge)',
  NODE: 'between root complexes of one socket',
  SYS: 'across sockets (QPI/UPI/Infinity Fabric)',
  NET: 'over the network',
};
