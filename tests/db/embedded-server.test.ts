/**
 * The private database server the service and the tests start: a server that cannot bind its port
 * must fail, never hand back a connection to whichever other server already holds that port.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { startEmbeddedServer, type EmbeddedServer } from '../../src/db/embedded-server';

jest.setTimeout(120_000);

describe('startEmbeddedServer', () => {
  const folders: string[] = [];
  const servers: EmbeddedServer[] = [];
  const folder = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eurasia-graph-embedded-'));
    folders.push(dir);
    return dir;
  };

  afterAll(async () => {
    for (const server of servers) await server.stop();
    for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fails when its port is held by another server instead of using that server', async () => {
    const first = await startEmbeddedServer({ dataDir: folder(), database: 'first' });
    servers.push(first);
    await expect(
      startEmbeddedServer({ dataDir: folder(), database: 'second', port: first.port }),
    ).rejects.toThrow(/Bind on TCP\/IP port/i);
    // the first server was left alone: it has no database of the failed start
    const connection = await mysql.createConnection({ host: '127.0.0.1', port: first.port, user: 'root' });
    try {
      const [rows] = (await connection.query("SHOW DATABASES LIKE 'second'")) as unknown as [unknown[]];
      expect(rows).toEqual([]);
    } finally {
      await connection.end();
    }
  });
});
