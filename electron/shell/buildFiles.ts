// Build files (`*.rackhive.json`) handed over by the OS: double-clicked
// (file association in electron-builder.yml), dropped on the dock icon, or
// named on the command line. Each is imported through builds:import with the
// same dry-run preview first, then opens in the editor and joins the OS's
// recent documents.
import type { ImportPreview } from '#core/api/builds';

export const BUILD_FILE_SUFFIX = '.rackhive.json';
/** Larger than any real build file; a bigger one is refused before it is read. */
export const MAX_BUILD_FILE_BYTES = 5 * 1024 * 1024;

/** The build files among process arguments (Windows and Linux pass a double-clicked file this way). */
export function buildFilesInArgv(argv: readonly string[]): string[] {
  return argv.filter((a) => !a.startsWith('-') && a.toLowerCase().endsWith(BUILD_FILE_SUFFIX));
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The preview box: what the file holds and what will not carry over. */
export function importPreviewText(fileName: string, p: ImportPreview): { message: string; detail: string } {
  const lines = [`${plural(p.racks, 'rack')}, ${plural(p.chassis, 'chassis', 'chassis')}, ${plural(p.devices, 'device')} (${plural(p.gpus, 'GPU')}).`];
  if (p.unknownPartIds.length > 0)
    lines.push(
      `Not in this catalog (checked as unknown): ${p.unknownPartIds.slice(0, 5).join(', ')}${p.unknownPartIds.length > 5 ? `, and ${p.unknownPartIds.length - 5} more` : ''}.`,
    );
  if (p.droppedBindings.length > 0) lines.push(`${plural(p.droppedBindings.length, 'inventory link')} cannot be kept here and become planned parts.`);
  if (p.keptBindings > 0) lines.push(`${plural(p.keptBindings, 'inventory link')} kept.`);
  return { message: `Import the build “${p.name}” from ${fileName}?`, detail: lines.join('\n') };
}
