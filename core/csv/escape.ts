// Cells a spreadsheet would run as a formula: = + - @ at the start, or a tab
// or carriage return (which some programs strip before evaluating). Exported
// cells that start with one of these, or with the quote used to escape them,
// get a leading ' so Excel, LibreOffice and Sheets show them as text; import
// removes exactly that one quote again, so export → import is lossless.

const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

export function startsWithFormulaTrigger(cell: string): boolean {
  return cell.length > 0 && TRIGGERS.has(cell[0]!);
}

export function escapeCell(cell: string): string {
  if (cell.length === 0) return cell;
  return startsWithFormulaTrigger(cell) || (cell[0] === "'" && cell.length > 1 && (TRIGGERS.has(cell[1]!) || cell[1] === "'")) ? `'${cell}` : cell;
}

/** Inverse of escapeCell: a ' before a trigger (or before another ') is dropped. */
export function unescapeCell(cell: string): string {
  if (cell.length > 1 && cell[0] === "'" && (TRIGGERS.has(cell[1]!) || cell[1] === "'")) return cell.slice(1);
  return cell;
}
