/**
 * The migrations create the schema and the entity schemas describe it: both must name the same columns,
 * the same generated columns, and the indexes lists read must exist as declared (db/list-columns.ts).
 */
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { LIST_INDEXES } from '../../src/db/list-columns';
import { testState } from '../support/environment';

let dataSource: DataSource;

beforeAll(async () => {
  dataSource = createDataSource({ url: testState().databaseUrl, poolSize: 1 });
  await dataSource.initialize();
});

afterAll(() => dataSource?.destroy());

interface ColumnRow {
  TABLE_NAME: string;
  COLUMN_NAME: string;
  EXTRA: string;
}

describe('Schema: entities and migrations agree', () => {
  it('every entity names exactly the columns of its table, generated ones as generated', async () => {
    const columns = (await dataSource.query(
      'SELECT TABLE_NAME, COLUMN_NAME, EXTRA FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()',
    )) as ColumnRow[];
    expect(dataSource.entityMetadatas.length).toBeGreaterThan(10);
    for (const entity of dataSource.entityMetadatas) {
      const inTable = columns.filter((c) => c.TABLE_NAME === entity.tableName);
      expect([entity.tableName, entity.columns.map((c) => c.databaseName).sort()]).toEqual([
        entity.tableName,
        inTable.map((c) => c.COLUMN_NAME).sort(),
      ]);
      const generated = (name: string) =>
        /GENERATED/i.test(inTable.find((c) => c.COLUMN_NAME === name)!.EXTRA);
      for (const column of entity.columns)
        expect([entity.tableName, column.databaseName, generated(column.databaseName)]).toEqual([
          entity.tableName,
          column.databaseName,
          column.generatedType === 'STORED',
        ]);
    }
  });

  it('every index lists read exists, on its columns in order', async () => {
    const rows = (await dataSource.query(
      'SELECT TABLE_NAME, INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX',
    )) as { TABLE_NAME: string; INDEX_NAME: string; COLUMN_NAME: string }[];
    const declared = Object.entries(LIST_INDEXES).flatMap(([table, indexes]) =>
      indexes.map((ix) => ({ table, ...ix })),
    );
    expect(declared.length).toBeGreaterThan(30);
    for (const ix of declared)
      expect([
        ix.table,
        ix.name,
        rows.filter((r) => r.TABLE_NAME === ix.table && r.INDEX_NAME === ix.name).map((r) => r.COLUMN_NAME),
      ]).toEqual([ix.table, ix.name, ix.columns]);
  });
});
