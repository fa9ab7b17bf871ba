// Which signing steps a release build can do, from the environment alone.
// Secrets never live in the repository: the release workflow passes them from
// GitHub Actions secrets, and a build without them is unsigned (and says so).
//   macOS   code signing: CSC_LINK (a .p12, path or base64) + CSC_KEY_PASSWORD
//           notarisation: APPLE_ID + APPLE_APP_SPECIFIC_PASSWORD + APPLE_TEAM_ID
//   Windows code signing: WIN_CSC_LINK + WIN_CSC_KEY_PASSWORD (or CSC_LINK + CSC_KEY_PASSWORD)
// electron-builder itself reads the CSC_* variables; these hooks only check,
// notarise and print what was skipped.
'use strict';

const has = (env, ...keys) => keys.every((k) => typeof env[k] === 'string' && env[k].trim() !== '');

/** { sign, notarize, notes } for `platform` ('darwin' | 'win32' | 'linux'). */
function signingPlan(platform, env) {
  const notes = [];
  let sign = false;
  let notarize = false;
  if (platform === 'darwin') {
    sign = has(env, 'CSC_LINK', 'CSC_KEY_PASSWORD');
    notarize = sign && has(env, 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID');
    if (!sign) notes.push('macOS code signing skipped: CSC_LINK and CSC_KEY_PASSWORD are not set (the app will be unsigned; Gatekeeper will warn).');
    if (!notarize) notes.push('macOS notarisation skipped: needs a signed app and APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID.');
  } else if (platform === 'win32') {
    sign = has(env, 'WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD') || has(env, 'CSC_LINK', 'CSC_KEY_PASSWORD');
    if (!sign) notes.push('Windows code signing skipped: WIN_CSC_LINK and WIN_CSC_KEY_PASSWORD are not set (SmartScreen will warn).');
  } else {
    notes.push('Linux packages (AppImage, deb) are not signed; the release lists their SHA-512 in latest-linux.yml.');
  }
  return { sign, notarize, notes };
}

module.exports = { signingPlan };
