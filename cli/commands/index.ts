// Every `rackhive <command>`; add a command by adding it here.
import type { Command } from '../command';
import { catalogCommand } from './catalog';
import { checkCommand } from './check';
import { estimateCommand } from './estimate';
import { identifyCommand } from './identify';
import { inventoryCommand } from './inventory';
import { modelsCommand } from './models';
import { planCommand } from './plan';
import { sheetCommand } from './sheet';
import { verifyCommand } from './verify';

export const commands: Command[] = [catalogCommand, checkCommand, estimateCommand, identifyCommand, inventoryCommand, modelsCommand, planCommand, sheetCommand, verifyCommand];
