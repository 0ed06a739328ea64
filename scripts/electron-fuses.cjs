// @ts-check
/* global require, module */
/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads its hooks with require() */
/**
 * electron-builder's afterPack hook (electron-builder.yml): flips the packaged Electron binary's
 * fuses before it is signed, so the shipped app cannot be turned into a plain Node runtime
 * (ELECTRON_RUN_AS_NODE), steered by NODE_OPTIONS or opened to a debugger (--inspect), and runs
 * only the app.asar whose hash is embedded in the binary. docs/decisions/0028-electron-shell.md.
 */
const path = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');

/** Every fuse this @electron/fuses knows, set explicitly: no fuse is left at Electron's default. */
const FUSES = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  EnableCookieEncryption: true,
  // The renderer is served from app://okno, never from file://.
  GrantFileProtocolExtraPrivileges: false,
  LoadBrowserProcessSpecificV8Snapshot: false,
};

/** The config for flipFuses: FUSES by fuse number. */
function fuseConfig(platform, arch) {
  /** @type {import('@electron/fuses').FuseV1Config} */
  const config = { version: FuseVersion.V1 };
  for (const [name, on] of Object.entries(FUSES)) {
    const fuse = FuseV1Options[/** @type {keyof typeof FuseV1Options} */ (name)];
    if (typeof fuse !== 'number') throw new Error(`electron-fuses: @electron/fuses knows no fuse "${name}"`);
    config[fuse] = on;
  }
  // Flipping a fuse breaks an arm64 Mac binary's ad-hoc signature; it is re-signed here (and by the real signing after).
  if (platform === 'darwin' || platform === 'mas') config.resetAdHocDarwinSignature = arch === 'arm64';
  return config;
}

/** electron-builder's Arch enum as a name (1 is x64, 3 is arm64, …). */
const ARCH = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/**
 * The packaged Electron binary that carries the fuse wire: the .app on macOS, the .exe on
 * Windows, the executable on Linux.
 * @param {{ appOutDir: string; electronPlatformName: string; packager: { appInfo: { productFilename: string }; executableName?: string } }} context
 */
function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux':
      return path.join(appOutDir, packager.executableName ?? packager.appInfo.productFilename);
    default:
      throw new Error(`electron-fuses: no rule for platform "${electronPlatformName}"`);
  }
}

/** @param {Parameters<typeof electronBinary>[0] & { arch: number }} context */
async function afterPack(context) {
  const binary = electronBinary(context);
  const config = fuseConfig(context.electronPlatformName, ARCH[context.arch] ?? String(context.arch));
  await flipFuses(binary, config);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinary = electronBinary;
