// Channels of the Settings view's preferences: read them all, change some.
import { z } from 'zod';
import { endpoint } from './endpoint';
import { Settings, SettingsDraft } from '../settings/settings';

export const settingsEndpoints = {
  'settings:get': endpoint('The settings, with defaults for any never set.', z.object({}).strict(), Settings),
  'settings:update': endpoint(
    'Changes some settings from text as typed; field errors come back as VALIDATION issues named after the draft fields.',
    SettingsDraft,
    Settings,
  ),
};
