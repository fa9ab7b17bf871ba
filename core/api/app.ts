// Channels about the running app itself.
import { z } from 'zod';
import { endpoint } from './endpoint';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'http']),
  dataDir: z.string(),
  databasePath: z.string(),
  schemaVersion: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appEndpoints = {
  'app:info': endpoint('Name, version, host kind and where the data lives.', z.object({}).strict(), AppInfo),
};
