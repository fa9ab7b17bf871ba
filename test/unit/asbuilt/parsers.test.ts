import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseNvidiaTopo } from '#core/asbuilt/nvidiaTopo';
import { parseRocmTopo } from '#core/asbuilt/rocmTopo';
import { parseLspciTree } from '#core/asbuilt/lspciTree';
import { parseLspciVerbose } from '#core/asbuilt/lspciVerbose';
import { parseDmidecode } from '#core/asbuilt/dmidecode';
import { parseNvidiaSmiCsv, parseNvidiaSmiQuery } from '#core/asbuilt/nvidiaSmi';
import { parseLlamaBench } from '#core/asbuilt/llamaBench';
import { parseVllmBench } from '#core/asbuilt/vllmBench';
import { AsBuiltParseError } from '#core/asbuilt/parseError';

const fx = (f: string) => readFileSync(new URL(`../../fixtures/asbuilt/${f}`, import.meta.url), 'utf8');

function parseErr(fn: () => unknown): AsBuiltParseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AsBuiltParseError) return e;
    throw e;
  }
  throw new Error('expected a parse error');
}

describe('nvidia-smi topo -m', () => {
  it('reads the SYS-4028GR-TRT2 capture: 7 GPUs, one NIC, two switch groups, socket 0 affinity', () => {
    const m = parseNvidiaTopo(fx('sys-4028gr-trt2.topo.txt'));
    expect(m.labels).toEqual(['GPU0', 'GPU1', 'GPU2', 'GPU3', 'GPU4', 'GPU5', 'GPU6', 'NIC0']);
    expect(m.kinds.filter((k) => k === 'gpu')).toHaveLength(7);
    expect(m.cells[0]![1]).toBe('PIX');
    expect(m.cells[0]![3]).toBe('PHB');
    expect(m.cells[7]![3]).toBe('PIX');
    expect(m.cpuAffinity[0]).toBe('0-11,24-35');
    expect(m.numaAffinity[6]).toBe(0);
    expect(m.nicNames).toEqual({ NIC0: 'mlx5_0' });
    expect(m.notes).toEqual([]);
  });
  it('reads the SYS-4028GR-TRT capture: SYS across sockets, socket-1 GPUs with N/A NUMA', () => {
    const m = parseNvidiaTopo(fx('sys-4028gr-trt.topo.txt'));
    expect(m.cells[0]![3]).toBe('SYS');
    expect(m.cells[1]![2]).toBe('PIX');
    expect(m.cpuAffinity[3]).toBe('10-19,30-39');
    expect(m.numaAffinity[3]).toBeNull();
    expect(m.numaAffinity[0]).toBe(0);
  });
  it('reads space-aligned output where a blank CPU affinity leaves no gap', () => {
    const m = parseNvidiaTopo(fx('a100-pcie-nvlink-pairs.topo.txt'));
    expect(m.cells[0]![1]).toBe('NV12');
    expect(m.cells[6]![8]).toBe('PHB');
    expect(m.cpuAffinity[0]).toBe('0-15,56-71');
    expect(m.cpuAffinity[4]).toBeNull();
    expect(m.numaAffinity[4]).toBe(1);
    expect(m.notes[0]).toMatch(/NIC0/);
  });
  it('reads a "NUMA"-headed copy and an indented one', () => {
    const h = parseNvidiaTopo(fx('dgx-h100-nvswitch.topo.txt'));
    expect(h.numaAffinity).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    const e = parseNvidiaTopo(fx('h12ssl-nt-2x-rtx3090.topo.txt'));
    expect(e.cells[0]![1]).toBe('NODE');
    expect(e.cpuAffinity).toEqual(['0-15', '0-15']);
  });
  it('names the expected output and the first line that did not fit', () => {
    const lspci = parseErr(() => parseNvidiaTopo('-[0000:00]-+-00.0\n           +-01.0-[01]----00.0\n'));
    expect(lspci.message).toMatch(/Expected nvidia-smi topo -m output: no header row/);
    expect(lspci.line).toBe(1);
    const cut = fx('sys-4028gr-trt2.topo.txt').split('\n').slice(0, 4).join('\n');
    const e = parseErr(() => parseNvidiaTopo(cut));
    expect(e.message).toMatch(/stops before the row for GPU3/);
    expect(e.line).toBe(4);
    const half = fx('sys-4028gr-trt.topo.txt').replace('GPU2\tPHB\tPIX\t X \tSYS\tSYS\tSYS\tPHB', 'GPU2\tPHB\tPIX');
    expect(parseErr(() => parseNvidiaTopo(half)).message).toMatch(/GPU2 has 2 of 7 cells/);
    expect(parseErr(() => parseNvidiaTopo('  \n')).message).toMatch(/empty/);
  });
});

describe('rocm-smi --showtopo', () => {
  it('reads the link type table as PCIe pairs on one node', () => {
    const r = parseRocmTopo(fx('rocm-4x-pcie.showtopo.txt'));
    expect(r.labels).toEqual(['GPU0', 'GPU1', 'GPU2', 'GPU3']);
    expect(r.weight![0]![1]).toBe(52);
    expect(r.hops![2]![3]).toBe(3);
    expect(r.cells[0]![1]).toBe('PHB');
    expect(r.notes.join(' ')).toMatch(/switch/);
  });
  it('rejects a topo -m paste', () => {
    expect(parseErr(() => parseRocmTopo(fx('sys-4028gr-trt.topo.txt'))).message).toMatch(/Expected rocm-smi --showtopo output: no "Weight\/Hops\/Link Type/);
  });
});

describe('lspci -t / -tv', () => {
  it('reads the chipset switch of a desktop board and each endpoint’s path', () => {
    const t = parseLspciTree(fx('lspci-t-chipset-switch.txt'));
    expect(t.rootBuses).toEqual(['0000:00']);
    expect(t.switches).toEqual(['0000:02:00.0']);
    expect(t.pathOf('0000:06:00.0')).toEqual({ switches: ['0000:02:00.0'], rootPort: '0000:00:01.2', rootBus: '0000:00' });
    expect(t.pathOf('01:00.0')).toEqual({ switches: [], rootPort: '0000:00:01.1', rootBus: '0000:00' });
    expect(t.nodes.find((n) => n.address === '0000:0d:00.4')).toBeTruthy();
  });
  it('reads -tv names and several domains', () => {
    const text = [
      '-+-[0000:80]-+-00.0  Intel Corporation Xeon E7 v4/Xeon E5 v4 DMI2',
      ' |           \\-02.0-[81-83]----00.0-[82-83]--+-08.0-[83]----00.0  NVIDIA Corporation GP100GL [Tesla P100 PCIe 16GB]',
      ' |                                           \\-10.0-[84]--',
      ' \\-[0000:00]-+-00.0  Intel Corporation Xeon E7 v4/Xeon E5 v4 DMI2',
    ].join('\n');
    const t = parseLspciTree(text);
    expect(t.rootBuses).toEqual(['0000:80', '0000:00']);
    expect(t.switches).toEqual(['0000:81:00.0']);
    expect(t.nodes.find((n) => n.address === '0000:83:00.0')!.name).toBe('NVIDIA Corporation GP100GL [Tesla P100 PCIe 16GB]');
  });
  it('rejects a topo -m paste at its first line', () => {
    const e = parseErr(() => parseLspciTree(fx('sys-4028gr-trt.topo.txt')));
    expect(e.expected).toBe('lspci -tv');
    expect(e.line).toBe(1);
  });
});

describe('lspci -vvv', () => {
  it('reads a downgraded link (Gen2 x1) on a Quadro RTX 8000', () => {
    const d = parseLspciVerbose(fx('lspci-vvv-quadro-rtx8000.txt'));
    expect(d).toHaveLength(1);
    expect(d[0]!.address).toBe('0000:01:00.0');
    expect(d[0]!.className).toBe('VGA compatible controller');
    expect(d[0]!.lnkSta).toEqual({ gen: 2, width: 1 });
  });
  it('names the first line that is not part of a device', () => {
    const e = parseErr(() => parseLspciVerbose('01:00.0 VGA compatible controller: NVIDIA\n\tLnkSta:\tSpeed 8GT/s, Width x16\nGPU0\tX\tPHB\n'));
    expect(e.line).toBe(3);
  });
});

describe('dmidecode', () => {
  const text = [
    '# dmidecode 3.3',
    'Getting SMBIOS data from sysfs.',
    'SMBIOS 3.0 present.',
    '',
    'Handle 0x0001, DMI type 1, 27 bytes',
    'System Information',
    '\tManufacturer: Supermicro',
    '\tProduct Name: SYS-4028GR-TRT2',
    '\tSerial Number: To Be Filled By O.E.M.',
    '',
    'Handle 0x0002, DMI type 2, 15 bytes',
    'Base Board Information',
    '\tManufacturer: Supermicro',
    '\tProduct Name: X10DRG-O+-CPU',
    '\tVersion: 1.01',
    '',
    'Handle 0x0041, DMI type 4, 42 bytes',
    'Processor Information',
    '\tSocket Designation: CPU1',
    '\tVersion: Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz',
    '\tStatus: Populated, Enabled',
    'Handle 0x0042, DMI type 4, 42 bytes',
    'Processor Information',
    '\tSocket Designation: CPU2',
    '\tVersion: Not Specified',
    '\tStatus: Unpopulated',
  ].join('\n');
  it('reads board, system and sockets; placeholder values are unknown', () => {
    const d = parseDmidecode(text);
    expect(d.board).toEqual({ manufacturer: 'Supermicro', product: 'X10DRG-O+-CPU', version: '1.01', serial: null });
    expect(d.system!.product).toBe('SYS-4028GR-TRT2');
    expect(d.system!.serial).toBeNull();
    expect(d.processors).toEqual([
      { socket: 'CPU1', version: 'Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz', populated: true },
      { socket: 'CPU2', version: null, populated: false },
    ]);
  });
  it('rejects text without DMI sections', () => {
    expect(parseErr(() => parseDmidecode('Base Board Information\n\tProduct Name: X')).message).toMatch(/sections start with "Handle/);
  });
});

describe('nvidia-smi query', () => {
  const csv = [
    'index, name, pci.bus_id, pcie.link.gen.current, pcie.link.width.current, pcie.link.gen.max, pcie.link.width.max, serial, uuid, memory.total [MiB]',
    '0, Tesla P100-PCIE-16GB, 00000000:05:00.0, 3, 16, 3, 16, 0324017012345, GPU-1b2c, 16384 MiB',
    '1, Tesla P100-PCIE-16GB, 00000000:07:00.0, 1, 8, 3, 16, [N/A], GPU-3d4e, 16384 MiB',
  ].join('\n');
  it('reads the csv by its header, N/A as unknown', () => {
    const g = parseNvidiaSmiCsv(csv);
    expect(g[1]).toEqual({
      index: 1,
      name: 'Tesla P100-PCIE-16GB',
      busId: '0000:07:00.0',
      genCurrent: 1,
      widthCurrent: 8,
      genMax: 3,
      widthMax: 16,
      serial: null,
      uuid: 'GPU-3d4e',
      memoryMiB: 16384,
    });
  });
  it('rejects noheader csv and short rows', () => {
    expect(parseErr(() => parseNvidiaSmiCsv(csv.split('\n').slice(1).join('\n'))).message).toMatch(/header "index, name, pci.bus_id/);
    expect(parseErr(() => parseNvidiaSmiCsv(csv.split('\n')[0] + '\n0, Tesla P100')).line).toBe(2);
  });
  it('reads nvidia-smi -q blocks', () => {
    const q = [
      '==============NVSMI LOG==============',
      'Timestamp                                 : Mon Aug 16 15:13:40 2026',
      'Driver Version                            : 535.288.01',
      'Attached GPUs                             : 1',
      'GPU 00000000:05:00.0',
      '    Product Name                          : Tesla P100-PCIE-16GB',
      '    Serial Number                         : 0324017012345',
      '    GPU UUID                              : GPU-1b2c',
      '    Minor Number                          : 0',
      '    FB Memory Usage',
      '        Total                             : 16384 MiB',
      '    PCI',
      '        Bus Id                            : 00000000:05:00.0',
      '        GPU Link Info',
      '            PCIe Generation',
      '                Max                       : 3',
      '                Current                   : 1',
      '            Link Width',
      '                Max                       : 16x',
      '                Current                   : 8x',
    ].join('\n');
    expect(parseNvidiaSmiQuery(q)).toEqual([
      {
        index: 0,
        name: 'Tesla P100-PCIE-16GB',
        busId: '0000:05:00.0',
        genCurrent: 1,
        widthCurrent: 8,
        genMax: 3,
        widthMax: 16,
        serial: '0324017012345',
        uuid: 'GPU-1b2c',
        memoryMiB: 16384,
      },
    ]);
  });
});

describe('llama-bench and vLLM summaries', () => {
  const md = [
    '| model                          |       size |     params | backend    | ngl |          test |                  t/s |',
    '| ------------------------------ | ---------: | ---------: | ---------- | --: | ------------: | -------------------: |',
    '| llama 8B Q4_K - Medium         |   4.58 GiB |     8.03 B | CUDA       |  99 |        pp1024 |      5064.99 ± 12.34 |',
    '| llama 8B Q4_K - Medium         |   4.58 GiB |     8.03 B | CUDA       |  99 |        tg1024 |        106.22 ± 0.10 |',
    '',
    'build: 4426e298 (2824)',
  ].join('\n');
  it('reads the markdown table: pp and tg rows with their token counts', () => {
    const r = parseLlamaBench(md);
    expect(r.map((x) => [x.metric, x.promptTokens, x.generatedTokens, x.tps, x.stddev])).toEqual([
      ['pp_tps', 1024, 0, 5064.99, 12.34],
      ['tg_tps', 0, 1024, 106.22, 0.1],
    ]);
    expect(r[0]!.paramsB).toBe(8.03);
    expect(r[0]!.build).toBe('4426e298');
  });
  it('reads -o json and -o csv', () => {
    const json = JSON.stringify([
      {
        model_type: 'llama 8B Q4_K - Medium',
        model_size: 4920733696,
        model_n_params: 8030261248,
        n_prompt: 0,
        n_gen: 128,
        avg_ts: 106.2,
        stddev_ts: 0.1,
        build_commit: '4426e298',
      },
    ]);
    expect(parseLlamaBench(json)[0]).toMatchObject({ metric: 'tg_tps', generatedTokens: 128, tps: 106.2 });
    const csvText = 'build_commit,model_type,n_prompt,n_gen,avg_ts,stddev_ts\n"4426e298","llama 8B Q4_K - Medium","512","0","5000.5","3.2"\n';
    expect(parseLlamaBench(csvText)[0]).toMatchObject({ metric: 'pp_tps', promptTokens: 512, tps: 5000.5 });
  });
  it('says what is wrong with a cut table or cut JSON', () => {
    const cut = md
      .split('\n')
      .slice(0, 3)
      .join('\n')
      .replace(/\| *5064\.99 ± 12\.34 \|$/, '');
    expect(parseErr(() => parseLlamaBench(cut)).message).toMatch(/cells for 7 columns/);
    expect(parseErr(() => parseLlamaBench('[{"avg_ts": 1')).message).toMatch(/JSON does not parse/);
    expect(parseErr(() => parseLlamaBench(fx('sys-4028gr-trt.topo.txt'))).line).toBe(1);
  });
  it('reads vLLM benchmark_serving and benchmark_throughput summaries as aggregate rates', () => {
    const serving = [
      '============ Serving Benchmark Result ============',
      'Successful requests:                     100',
      'Benchmark duration (s):                  60.00',
      'Total input tokens:                      102400',
      'Total generated tokens:                  12800',
      'Request throughput (req/s):              1.67',
      'Output token throughput (tok/s):         213.33',
    ].join('\n');
    expect(parseVllmBench(serving, 'llama-3-8b')[0]).toMatchObject({
      metric: 'agg_tps',
      tps: 213.33,
      promptTokens: 1024,
      generatedTokens: 128,
      model: 'llama-3-8b',
    });
    expect(parseVllmBench('Throughput: 4.51 requests/s, 2310.77 total tokens/s, 577.69 output tokens/s')[0]!.tps).toBe(577.69);
    expect(parseErr(() => parseVllmBench('hello')).expected).toBe('vLLM benchmark summary');
  });
});

describe('measured speed on real llama-bench and vLLM outputs', () => {
  it('-o json (RTX 4080): pp512 and tg128 with the GPU llama-bench names', () => {
    const r = parseLlamaBench(fx('llama-bench-rtx4080.json'));
    expect(r.map((x) => [x.metric, x.promptTokens, x.generatedTokens, x.depthTokens, x.tps])).toEqual([
      ['pp_tps', 512, 0, 0, 7100.002165],
      ['tg_tps', 0, 128, 0, 118.881588],
    ]);
    expect(r[1]).toMatchObject({ model: 'qwen2 7B Q4_K - Medium', gpuInfo: 'NVIDIA GeForce RTX 4080', backend: 'CUDA', build: '8cf427ff', stddev: 1.041811 });
    expect(r[1]!.paramsB).toBeCloseTo(7.6156, 3);
    expect(r[1]!.sizeGiB).toBeCloseTo(4.356, 2);
  });
  it('-o csv (same machine): the same tests from the quoted CSV', () => {
    const r = parseLlamaBench(fx('llama-bench-rtx4080.csv'));
    expect(r.map((x) => [x.metric, x.promptTokens, x.generatedTokens, x.tps, x.gpuInfo])).toEqual([
      ['pp_tps', 512, 0, 7285.676949, 'NVIDIA GeForce RTX 4080'],
      ['tg_tps', 0, 128, 119.915244, 'NVIDIA GeForce RTX 4080'],
    ]);
  });
  it('-o jsonl: one object per line, each line numbered in messages', () => {
    const jsonl = fx('llama-bench-rtx4080.jsonl');
    expect(parseLlamaBench(jsonl).map((x) => [x.metric, x.tps])).toEqual([
      ['pp_tps', 7263.609157],
      ['tg_tps', 119.844681],
    ]);
    const cut = jsonl.trimEnd().slice(0, -40);
    const e = parseErr(() => parseLlamaBench(cut));
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/JSONL line does not parse/);
  });
  it('a CSV whose header has more columns than its rows: names the row and both counts', () => {
    const e = parseErr(() => parseLlamaBench(fx('llama-bench-csv-header-mismatch.csv')));
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/41 values for 42 columns/);
  });
  it('the markdown table with -d: the depth is the context the test ran at', () => {
    const r = parseLlamaBench(fx('llama-bench-depth.md'));
    expect(r.map((x) => [x.metric, x.promptTokens, x.generatedTokens, x.depthTokens, x.tps])).toEqual([
      ['pp_tps', 512, 0, 0, 7340.2],
      ['tg_tps', 0, 128, 0, 120.6],
      ['pp_tps', 512, 0, 512, 6425.91],
      ['tg_tps', 0, 128, 512, 116.71],
    ]);
  });
  it('a 2024 build: "pp 512" with a space, after the CUDA start-up lines', () => {
    const r = parseLlamaBench(fx('llama-bench-rtx4090-2024.md'));
    expect(r).toHaveLength(5);
    expect(r.map((x) => [x.model, x.metric, x.promptTokens, x.generatedTokens, x.tps])).toEqual([
      ['llama 7B F16', 'pp_tps', 512, 0, 11048.22],
      ['llama 7B F16', 'tg_tps', 0, 128, 61.03],
      ['llama 7B Q8_0', 'pp_tps', 512, 0, 7664],
      ['llama 7B Q8_0', 'tg_tps', 0, 128, 98.13],
      ['llama 7B Q4_0', 'pp_tps', 512, 0, 7979.85],
    ]);
    expect(r[0]!.line).toBe(7);
    expect(r[0]!.sizeGiB).toBe(12.55);
  });
  it('a CPU run with pp4096+tg128 (kept as a generation rate) and a size in MiB (not read as GiB)', () => {
    const r = parseLlamaBench(fx('llama-bench-cpu-pg.md'));
    expect(r.map((x) => x.metric)).toEqual(['pp_tps', 'pp_tps', 'tg_tps', 'tg_tps']);
    expect(r[3]).toMatchObject({ promptTokens: 4096, generatedTokens: 128, tps: 116.17, backend: 'CPU' });
    expect(r[0]!.sizeGiB).toBeNull();
  });
  it('vllm bench serve: output tokens/s of the whole server, tokens per request from the totals', () => {
    const r = parseVllmBench(fx('vllm-bench-serve-llama31-8b.txt'), 'llama-3.1-8b');
    expect(r).toEqual([expect.objectContaining({ runtime: 'vllm', metric: 'agg_tps', tps: 6582.87, promptTokens: 230, generatedTokens: 203, line: 10 })]);
  });
  it('the 2023 benchmark_serving summary has no token rate, and says so on its line', () => {
    const e = parseErr(() => parseVllmBench(fx('vllm-benchmark-serving-2023.txt')));
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/requests\/s only, no tokens\/s/);
  });
});
