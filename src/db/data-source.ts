/** The TypeORM data source over mysql2: one pool, utf8mb4 throughout, schema by migrations only. */
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DataSourceOptions {
  url: string;
  poolSize: number;
  /** Callers that may wait for a connection; beyond that a query fails at once instead of piling up. */
  queueLimit?: number;
}

export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'mysql',
    url: options.url,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    poolSize: options.poolSize,
    supportBigNumbers: true,
    bigNumberStrings: true,
    extra: {
      connectionLimit: options.poolSize,
      waitForConnections: true,
      queueLimit: options.queueLimit ?? 50,
      connectTimeout: 5000,
    },
  });
}

/** Applies pending migrations; returns the names of those it ran. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const ran = await dataSource.runMigrations({ transaction: 'each' });
  return ran.map((m) => m.name);
}
