/**
 * Opening the database the configuration names: DATABASE_URL when set, otherwise a private server started
 * from the binaries on PATH with its data in DATA_DIR. Either way the schema is migrated before use.
 */
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { createDataSource, migrate } from './data-source';
import { startEmbeddedServer, type EmbeddedServer } from './embedded-server';

export const EMBEDDED_DATABASE_NAME = 'eurasia_graph';

export interface OpenDatabase {
  dataSource: DataSource;
  /** The private server this process started, if it started one. */
  server: EmbeddedServer | undefined;
  migrationsRun: string[];
  close(): Promise<void>;
}

export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'dbPoolSize'> & Partial<Pick<Config, 'dbQueueLimit'>>,
): Promise<OpenDatabase> {
  const server = config.databaseUrl
    ? undefined
    : await startEmbeddedServer({ dataDir: config.dataDir, database: EMBEDDED_DATABASE_NAME });
  const dataSource = createDataSource({
    url: config.databaseUrl ?? server!.url,
    poolSize: config.dbPoolSize,
    queueLimit: config.dbQueueLimit,
  });
  try {
    await dataSource.initialize();
    const migrationsRun = await migrate(dataSource);
    return {
      dataSource,
      server,
      migrationsRun,
      async close() {
        if (dataSource.isInitialized) await dataSource.destroy();
        await server?.stop();
      },
    };
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await server?.stop();
    throw error;
  }
}
