import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// The Electron main process (ESM, out/electron/main.js, with the core's worker out/electron/coreWorker.js) and the sandboxed preload (CommonJS,
// out/electron/preload.cjs: a sandboxed preload can require only 'electron', so it is one file).
// Native and Electron modules stay external and load from node_modules at run time. The target is
// the Node of the supported Electron majors (43+: Node 22 or newer).
const external = [
  'electron',
  'better-sqlite3',
  'better-sqlite3-multiple-ciphers',
  'ws',
  'bufferutil',
  'utf-8-validate',
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
];

export default defineConfig({
  // Build just these two environments (not the default browser "client" one).
  builder: {
    buildApp: async (builder) => {
      for (const name of ['main', 'preload']) {
        const environment = builder.environments[name];
        if (!environment) throw new Error(`vite.electron.config.ts: no "${name}" environment`);
        await builder.build(environment);
      }
    },
  },
  environments: {
    main: {
      consumer: 'server',
      build: {
        outDir: 'out/electron',
        emptyOutDir: false,
        ssr: true,
        target: 'node22',
        sourcemap: true,
        minify: false,
        rollupOptions: {
          // The agent core's worker thread (decision 0048) is its own entry, next to main.js.
          input: { main: 'src/main/electron/main.ts', coreWorker: 'src/main/core/worker/coreWorkerEntry.ts' },
          external,
          output: { format: 'es', entryFileNames: '[name].js' },
        },
      },
    },
    preload: {
      consumer: 'server',
      build: {
        outDir: 'out/electron',
        emptyOutDir: false,
        ssr: true,
        target: 'node22',
        sourcemap: true,
        minify: false,
        rollupOptions: {
          input: { preload: 'src/main/electron/preload.ts' },
          external: ['electron'],
          output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
        },
      },
      resolve: { noExternal: true },
    },
  },
});
