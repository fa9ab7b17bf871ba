// Every `rackhive <command>`; add a command by adding it here.
import type { Command } from '../command';
import { catalogCommand } from './catalog';
import { checkCommand } from './check';
import { estimateCommand } from './estimate';
import { inventoryCommand } from './inventory';
import { modelsCommand } from './models';
import { sheetCommand } from './sheet';

export const commands: Command[] = [catalogCommand, checkCommand, estimateCommand, inventoryCommand, modelsCommand, sheetCommand];
