/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { defineConfig } from 'vite';

// The portal's web app. `npm run build` builds it into web/dist, which the portal serves; `vitest` runs the
// component and unit tests (*.test.ts, *.test.tsx) in jsdom.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  resolve: {
    // The platform's own rules, shared with the services: only modules without dependencies (no zod in the app).
    alias: {
      '@zhas/kz/check-digit': path.resolve(import.meta.dirname, '../../../packages/kz/src/check-digit.ts'),
      // The lottery's draw, the one the applications service runs, re-run by the public lottery page.
      '@zhas/lottery': path.resolve(import.meta.dirname, '../../../packages/lottery/src/index.ts'),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Screens load by journey (routes.tsx); this keeps an eye on any chunk that grows past it.
    chunkSizeWarningLimit: 300,
  },
  server: {
    // `npm run dev -w @zhas/portal`: the portal (BFF) answers /api, /auth and /session.
    proxy: Object.fromEntries(
      ['/api', '/auth', '/session'].map((path) => [
        path,
        `http://127.0.0.1:${process.env.PORTAL_PORT ?? 4100}`,
      ]),
    ),
  },
  test: {
    root: import.meta.dirname,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
