// electron-builder beforePack hook: prints, once per platform, which signing
// steps this build will do and which it skips (see signing.cjs).
'use strict';
const { signingPlan } = require('./signing.cjs');

const printed = new Set();

exports.default = async function beforePack(context) {
  const platform = context.electronPlatformName;
  if (printed.has(platform)) return;
  printed.add(platform);
  for (const note of signingPlan(platform, process.env).notes) console.log(`  • ${note}`);
};
