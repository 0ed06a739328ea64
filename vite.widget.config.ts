import { defineConfig } from 'vite';

// The customer web-chat widget: one self-contained script a site includes with one tag.
export default defineConfig({
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    target: 'es2020',
    lib: {
      entry: 'src/widget/main.ts',
      name: 'OknoWidget',
      formats: ['iife'],
      fileName: () => 'okno-widget.js',
    },
  },
});
