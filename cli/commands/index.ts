// Every `rackhive <command>`; add a command by adding it here.
import type { Command } from '../command';
import { catalogCommand } from './catalog';
import { checkCommand } from './check';
import { estimateCommand } from './estimate';
import { modelsCommand } from './models';
import { planCommand } from './plan';
import { sheetCommand } from './sheet';

export const commands: Command[] = [catalogCommand, checkCommand, estimateCommand, modelsCommand, planCommand, sheetCommand];
