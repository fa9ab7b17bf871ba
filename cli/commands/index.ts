// Every `rackhive <command>`; add a command by adding it here. Each is loaded
// when it is asked for, so `rackhive check` starts the checker alone, not the
// inventory's database, the PDF host or the estimate engine (their modules
// build schemas as they load, a large part of a cold start).
import type { Command } from '../command';

const loaders: Record<string, () => Promise<Command>> = {
  catalog: async () => (await import('./catalog')).catalogCommand,
  check: async () => (await import('./check')).checkCommand,
  estimate: async () => (await import('./estimate')).estimateCommand,
  identify: async () => (await import('./identify')).identifyCommand,
  inventory: async () => (await import('./inventory')).inventoryCommand,
  models: async () => (await import('./models')).modelsCommand,
  plan: async () => (await import('./plan')).planCommand,
  sheet: async () => (await import('./sheet')).sheetCommand,
  verify: async () => (await import('./verify')).verifyCommand,
};

/** The command of that name, loaded; null when there is none. */
export function loadCommand(name: string): Promise<Command> | null {
  return Object.hasOwn(loaders, name) ? loaders[name]!() : null;
}

/** Every command, loaded (for the help listing). */
export function loadCommands(): Promise<Command[]> {
  return Promise.all(Object.values(loaders).map((load) => load()));
}
