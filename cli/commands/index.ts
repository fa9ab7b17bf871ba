// Every `rackhive <command>`; add a command by adding it here.
import type { Command } from '../command';
import { catalogCommand } from './catalog';
import { checkCommand } from './check';

export const commands: Command[] = [catalogCommand, checkCommand];
