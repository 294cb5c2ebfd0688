import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// base './' so the same build loads from file:// or app:// in Electron and from / in browser mode.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./renderer/index.html', import.meta.url)),
        // The print views: their own page, so printing never loads into the pack screen.
        print: fileURLToPath(new URL('./renderer/print/print.html', import.meta.url)),
      },
    },
  },
});
