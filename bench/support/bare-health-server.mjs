// The baseline for the health benchmark: Node's own HTTP server answering the same JSON the API
// does, with nothing in between (no framework, no routing, no logging, no auth).
import { createServer } from 'node:http';

const started = Date.now();
const server = createServer((request, response) => {
  const body = JSON.stringify({
    status: 'ok',
    database: 'pglite',
    version: '0.1.0',
    uptimeSeconds: Math.round((Date.now() - started) / 1000),
  });
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  response.end(body);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`Web:       http://localhost:${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
