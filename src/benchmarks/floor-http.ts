/**
 * B0, the HTTP floor: a plain node:http server that answers POST /<operation> with the bytes the service
 * gave for that operation, from memory. No parsing, no database: what serving the same bytes costs.
 * Usage: node floor-http.js <responses.json> (a map of operation key to the response body); it prints its port.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const responses = new Map(
  Object.entries(JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as Record<string, string>).map(
    ([key, body]) => [`/${key}`, Buffer.from(body, 'utf8')],
  ),
);

const server = http.createServer((req, res) => {
  const body = responses.get(req.url ?? '');
  // read the request body to its end, as any server must, before answering
  req.resume();
  req.on('end', () => {
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
