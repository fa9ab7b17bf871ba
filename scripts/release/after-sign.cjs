// electron-builder afterSign hook: notarises the macOS app with Apple's notary
// service when the Apple secrets are in the environment; otherwise does nothing
// (before-pack.cjs already printed why).
'use strict';
const path = require('node:path');
const { signingPlan } = require('./signing.cjs');

exports.default = async function afterSign(context) {
  if (context.electronPlatformName !== 'darwin') return;
  if (!signingPlan('darwin', process.env).notarize) return;
  const { notarize } = require('@electron/notarize');
  const appPath = path.join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`);
  console.log(`  • notarising ${path.basename(appPath)} (a few minutes)`);
  await notarize({
    appPath,
    appleId: process.env.APPLE_ID,
    appleIdPassword: process.env.APPLE_APP_SPECIFIC_PASSWORD,
    teamId: process.env.APPLE_TEAM_ID,
  });
};
