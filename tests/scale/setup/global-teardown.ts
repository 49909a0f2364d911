import fs from 'node:fs';
import type { EmbeddedServer } from '../../../src/db/embedded-server';

export default async function globalTeardown(): Promise<void> {
  const prepared = (globalThis as { __scaleDatabase?: { server: EmbeddedServer; remove: boolean } })
    .__scaleDatabase;
  if (!prepared) return;
  await prepared.server.stop();
  if (prepared.remove) fs.rmSync(prepared.server.dataDir, { recursive: true, force: true });
}
