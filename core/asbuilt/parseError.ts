// A paste that is not what was asked for: say which output was expected and
// the first line that did not fit (1-based), so the user can see at once that
// they pasted `lspci` where `nvidia-smi topo -m` was wanted, or cut it short.
export type AsBuiltFormat =
  | 'nvidia-smi topo -m'
  | 'nvidia-smi --query-gpu csv'
  | 'nvidia-smi -q'
  | 'lspci -tv'
  | 'lspci -vvv'
  | 'dmidecode'
  | 'rocm-smi --showtopo'
  | 'llama-bench'
  | 'vLLM benchmark summary';

export class AsBuiltParseError extends Error {
  constructor(
    readonly expected: AsBuiltFormat,
    /** 1-based line of the paste; 0 when the paste is empty. */
    readonly line: number,
    readonly lineText: string,
    readonly reason: string,
  ) {
    super(`Expected ${expected} output: ${reason}${line > 0 ? ` (line ${line}: "${clip(lineText)}")` : ''}`);
    this.name = 'AsBuiltParseError';
  }
}

function clip(s: string): string {
  const t = s.trim();
  return t.length > 80 ? `${t.slice(0, 77)}…` : t;
}

/** Lines with their 1-based numbers; CRLF and tabs kept as the parser needs them. */
export interface NumberedLine {
  n: number;
  text: string;
}

export function numberedLines(text: string): NumberedLine[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((t, i) => ({ n: i + 1, text: t }));
}

/** The first non-blank line, for "this is not X at all" messages. */
export function firstContentLine(lines: NumberedLine[]): NumberedLine | undefined {
  return lines.find((l) => l.text.trim() !== '');
}

export function failEmpty(expected: AsBuiltFormat): never {
  throw new AsBuiltParseError(expected, 0, '', 'the text is empty');
}
