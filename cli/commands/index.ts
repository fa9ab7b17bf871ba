// Every `rackhive <command>`; add a command by adding it here.
import type { Command } from '../command';

export const commands: Command[] = [];
