// The floor for serve's latency figures: a bare node:http server that answers every request "ok", with the
// headers /healthz sends, started as its own process like `guestview serve` and printing the same
// "listening on" line (test/helpers/serve.ts waits for it). Whatever this server's p99 is under the bench's
// client, in the same run, is the machine's and the client's share, not serve's.
// Usage: node bench/lib/bare-server.mjs   (listens on 127.0.0.1, a port the kernel picks)
import {createServer} from 'node:http'

const OK = Buffer.from('ok\n')
const HEADERS = {'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'content-length': OK.length}
const server = createServer((req, res) => {
  res.writeHead(200, HEADERS)
  res.end(OK)
})
server.listen({host: '127.0.0.1', port: 0}, () => {
  console.log(`bare server: listening on http://127.0.0.1:${server.address().port}`)
})
process.once('SIGTERM', () => server.close(() => process.exit(0)))
