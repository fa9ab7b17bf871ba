// Which tool printed this text? Used to say "this looks like lspci -tv output"
// when a paste lands in the wrong box, and to route a box that takes several.
import type { AsBuiltFormat } from './parseError';

export function sniffFormat(text: string): AsBuiltFormat | null {
  const t = text.slice(0, 20_000);
  if (/^\s*GPU0(\s+(GPU\d+|NIC\d+|mlx\d+_\d+))*\s+(CPU Affinity|NUMA|GPU\d)/m.test(t) && /^\s*GPU0\s+X\b/m.test(t)) return 'nvidia-smi topo -m';
  if (/between two GPUs/i.test(t)) return 'rocm-smi --showtopo';
  if (/^-\+?-?\[[0-9a-f]{4}:[0-9a-f]{2}\]/m.test(t) || /^\s*[\\+]-\[[0-9a-f]{4}:[0-9a-f]{2}\]/m.test(t)) return 'lspci -tv';
  if (/^([0-9a-f]{4}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-9a-f] [^:]+:/m.test(t) && /LnkCap|LnkSta|Capabilities:/.test(t)) return 'lspci -vvv';
  if (/^Handle 0x[0-9A-F]+, DMI type/m.test(t)) return 'dmidecode';
  if (/^\s*(index|name|pci\.bus_id)\s*,/m.test(t)) return 'nvidia-smi --query-gpu csv';
  if (/^GPU [0-9A-F]{8}:[0-9A-F]{2}:[0-9A-F]{2}\.[0-9A-F]\s*$/im.test(t) && /Product Name\s*:/.test(t)) return 'nvidia-smi -q';
  if (/\|\s*model\s*\|.*\|\s*t\/s\s*\|/.test(t) || /"avg_ts"/.test(t)) return 'llama-bench';
  if (/Serving Benchmark Result|Output token throughput|^Throughput: .*tokens\/s/im.test(t)) return 'vLLM benchmark summary';
  return null;
}
