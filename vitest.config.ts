import { defineConfig } from 'vitest/config';

export default defineConfig({
  // vite 8 (oxc) also reads tsconfig; being explicit keeps decorator metadata robust.
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['reflect-metadata'],
    globalSetup: ['test/etcd.global.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
