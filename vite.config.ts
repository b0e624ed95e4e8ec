import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { precompress } from './scripts/precompress.ts';

// The web app lives in web/; `npm run build` writes dist/, which the API server serves.
// In development (`npm run dev:web`) /api is proxied to the API on :8080.
export default defineConfig({
  root: 'web',
  // precompress: .br and .gz beside every text asset, sent as they are by api/server.ts.
  plugins: [react(), precompress()],
  // deck.gl's WebGL-only build: no WebGPU code in the bundle (~32 KB gzip less).
  resolve: { conditions: ['visgl:webgl-only', ...defaultClientConditions] },
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
});
