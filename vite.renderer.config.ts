import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The agent app. Relative base so the same build loads from file:// in Electron and
// from the browser host.
export default defineConfig({
  root: 'src/renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
});
