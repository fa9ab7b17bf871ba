// The built-in catalog's data files, unparsed, by their path under
// assets/catalog. builtin.ts parses them; the link allowlist
// (core/links/trustedHosts.ts) reads the sources they cite without the parse.
import gpus from '#assets/catalog/gpus.json' with { type: 'json' };
import cpus from '#assets/catalog/cpus.json' with { type: 'json' };
import nics from '#assets/catalog/nics.json' with { type: 'json' };
import pcieSwitches from '#assets/catalog/pcie-switches.json' with { type: 'json' };
import risers from '#assets/catalog/risers.json' with { type: 'json' };
import bridges from '#assets/catalog/bridges.json' with { type: 'json' };
import psus from '#assets/catalog/psus.json' with { type: 'json' };
import racks from '#assets/catalog/racks.json' with { type: 'json' };
import pdus from '#assets/catalog/pdus.json' with { type: 'json' };
import memory from '#assets/catalog/memory.json' with { type: 'json' };
import storage from '#assets/catalog/storage.json' with { type: 'json' };
import cables from '#assets/catalog/cables.json' with { type: 'json' };
import boards from '#assets/catalog/boards/boards.json' with { type: 'json' };
import workstationBoards from '#assets/catalog/boards/workstation.json' with { type: 'json' };
import systems from '#assets/catalog/systems/systems.json' with { type: 'json' };
import serverBoards from '#assets/catalog/boards/servers.json' with { type: 'json' };
import gpuServers from '#assets/catalog/systems/gpu-servers.json' with { type: 'json' };

/** Every data file by its path under assets/catalog. */
export const BUILTIN_FILES: Record<string, unknown[]> = {
  'gpus.json': gpus,
  'cpus.json': cpus,
  'nics.json': nics,
  'pcie-switches.json': pcieSwitches,
  'risers.json': risers,
  'bridges.json': bridges,
  'psus.json': psus,
  'racks.json': racks,
  'pdus.json': pdus,
  'memory.json': memory,
  'storage.json': storage,
  'cables.json': cables,
  'boards/boards.json': boards,
  'boards/workstation.json': workstationBoards,
  'systems/systems.json': systems,
  'boards/servers.json': serverBoards,
  'systems/gpu-servers.json': gpuServers,
};
