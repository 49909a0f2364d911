import fs from 'node:fs';
import type { EmbeddedServer } from '../../src/db/embedded-server';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __testDatabase?: EmbeddedServer }).__testDatabase;
  if (server) {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}
