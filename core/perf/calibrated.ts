// The calibration shipped with the app (written by `npm run calibrate`).
import calibrationJson from './calibration.v1.json' with { type: 'json' };
import type { CalibrationFile } from './calibration';

export const CALIBRATION: CalibrationFile = calibrationJson as CalibrationFile;
