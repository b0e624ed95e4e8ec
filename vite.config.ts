import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app lives in web/; `npm run build` writes dist/, which the API server serves.
// In development (`npm run dev:web`) /api is proxied to the API on :8080.
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
});
