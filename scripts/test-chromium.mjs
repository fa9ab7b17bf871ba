#!/usr/bin/env node
// `npm test` runs this first: the end-to-end tests and the PDF export need a
// Chromium. It uses the one finder (host/pdf/chromium.ts: RACKHIVE_CHROMIUM,
// the system's chromium / google-chrome, Playwright's download); when none is
// there it lets Playwright download one the ordinary way where the network
// allows, and otherwise stops the run before the suite with one line naming
// the command that installs one (never a wall of failed tests).
// RACKHIVE_NO_BROWSER_DOWNLOAD=1 skips the download attempt.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';

const PROBE_TIMEOUT_MS = 5_000;
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;
const { findChromium, CHROMIUM_INSTALL_COMMAND } = await tsImport('../host/pdf/chromium.ts', import.meta.url);

function tryFind() {
  try {
    return findChromium();
  } catch {
    return null;
  }
}

/** Playwright's download host answers at all (a quick yes/no, so an offline machine does not wait minutes). */
async function downloadHostAnswers() {
  if (process.env.HTTPS_PROXY || process.env.https_proxy) return true;
  const host = process.env.PLAYWRIGHT_DOWNLOAD_HOST || 'https://cdn.playwright.dev/';
  try {
    await fetch(host, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return true;
  } catch {
    return false;
  }
}

let found = tryFind();
if (!found && !process.env.RACKHIVE_NO_BROWSER_DOWNLOAD && (await downloadHostAnswers())) {
  console.log("npm test: no Chromium on this machine; downloading Playwright's (first run only)…");
  const cli = path.join(path.dirname(createRequire(import.meta.url).resolve('playwright-core/package.json')), 'cli.js');
  spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'inherit', timeout: DOWNLOAD_TIMEOUT_MS });
  found = tryFind();
}
if (!found) {
  console.error(
    `npm test: no Chromium for the end-to-end tests and the PDF export: run \`${CHROMIUM_INSTALL_COMMAND}\` (or apt-get install chromium, or set RACKHIVE_CHROMIUM), then npm test again.`,
  );
  process.exit(1);
}
