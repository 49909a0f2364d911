import { runCleanup } from './cleanup';

/** Stops the run's database server and removes its folder (see cleanup.ts). */
export default async function globalTeardown(): Promise<void> {
  await runCleanup();
}
