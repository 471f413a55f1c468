// The HTTP side of `serve`: three fixed routes and nothing else.
//   GET /metrics  Prometheus text from the registry, over the latest bounded collection (collector.ts)
//   GET /report   the JSON report (`report --json`) of the one container; with --pod (or several containers)
//                 {containers: [{container, report}]}, schema/serve-pod-report.schema.json
//   GET /healthz  liveness: "ok", without reading anything
// Any other method or path is a 404. Only the path is looked at, compared with these three strings: no
// query parameter, header or body reaches the sysroot, so no request can make the server read a path.
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http'
import type {Registry} from 'prom-client'
import type {MetricsState} from '../metrics/registry.js'
import type {Collector, Served} from './collector.js'

export type Handler = (req: IncomingMessage, res: ServerResponse) => void

export function stateOf(s: Served): MetricsState {
  return {
    containers: s.last?.containers ?? [],
    unreadable: s.last?.unreadable ?? [],
    collections: s.count,
    error: s.error,
    durationSeconds: s.last?.durationSeconds ?? null,
    timestampSeconds: s.last ? s.last.at.getTime() / 1000 : null,
  }
}

/**
 * `pod`: always the list, even of one container, so that a client's parsing does not depend on the count;
 * the containers listed but not read are in `unreadable`, each with why.
 */
export function reportBody(s: Served, pod = false): {status: number; body: unknown} {
  const c = s.last?.containers ?? []
  const unreadable = s.last?.unreadable ?? []
  if (pod && s.last) return {status: 200, body: {containers: c, ...(unreadable.length > 0 ? {unreadable} : {})}}
  if (c.length === 0) return {status: 503, body: {error: s.error ?? 'no collection yet'}}
  return {status: 200, body: c.length === 1 && !pod ? c[0]!.report : {containers: c}}
}

/** A response body encoded once, with the headers that go with it. */
type Body = {status: number; headers: Record<string, string | number>; bytes: Buffer}

function body(status: number, type: string, text: string): Body {
  const bytes = Buffer.from(text, 'utf8')
  return {status, headers: {'content-type': type, 'cache-control': 'no-store', 'content-length': bytes.length}, bytes}
}

const TEXT = 'text/plain; charset=utf-8'
const OK = body(200, TEXT, 'ok\n')
const NOT_FOUND = body(404, TEXT, 'not found\n')

/**
 * The request handler. `draining` turns keep-alive off so that each connection ends with its response.
 *
 * Each collection is rendered once, as exposition text and as JSON, and encoded once to bytes with their
 * Content-Length: every scrape served from it gets the same Buffer. A collection is made at most once a
 * second, so at 50 concurrent scrapes rendering per request would put 50 renders in the queue in front of
 * the last one (p99 0.8 s here, against 50 ms); and without a length Node would send each 9-20 kB body
 * chunked, encoding the string again for every scrape.
 */
export function handler(
  collector: Collector,
  registry: Registry,
  state: {served: Served; draining: boolean},
  options: {pod?: boolean} = {},
): Handler {
  const texts = new WeakMap<Served, Promise<Body>>()
  const reports = new WeakMap<Served, Body>()
  const metricsBody = (served: Served): Promise<Body> => {
    let b = texts.get(served)
    if (!b) {
      // The collect callbacks run synchronously at the start of metrics(), so they all see this collection.
      state.served = served
      b = registry.metrics().then((text) => body(200, registry.contentType, text))
      texts.set(served, b)
    }
    return b
  }
  const reportBodyOf = (served: Served): Body => {
    let r = reports.get(served)
    if (!r) {
      const b = reportBody(served, options.pod)
      r = body(b.status, 'application/json; charset=utf-8', JSON.stringify(b.body) + '\n')
      reports.set(served, r)
    }
    return r
  }
  return (req, res) => {
    if (state.draining) res.setHeader('connection', 'close')
    const send = (b: Body) => {
      res.writeHead(b.status, b.headers)
      res.end(req.method === 'HEAD' ? undefined : b.bytes)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(NOT_FOUND)
    const url = req.url ?? ''
    const q = url.indexOf('?')
    const path = q < 0 ? url : url.slice(0, q)
    if (path === '/healthz') return send(OK)
    if (path !== '/metrics' && path !== '/report') return send(NOT_FOUND)
    collector
      .get()
      .then(async (served) => send(path === '/report' ? reportBodyOf(served) : await metricsBody(served)))
      .catch((error: unknown) => send(body(500, TEXT, `${String(error).split('\n')[0]}\n`)))
  }
}

/** Listen, or reject with the listen error (EADDRINUSE, EACCES, EADDRNOTAVAIL). */
export function listen(h: Handler, host: string, port: number): Promise<Server> {
  const server = createServer(h)
  // A slow or stuck client cannot hold a connection open for long.
  server.headersTimeout = 5000
  server.requestTimeout = 10_000
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen({host, port}, () => {
      server.off('error', reject)
      resolve(server)
    })
  })
}

/**
 * Stop accepting, let the requests in flight finish (each then closes its connection), and resolve when
 * every connection is gone, or after `deadlineMs` with the rest cut.
 */
export function drain(server: Server, deadlineMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections()
      resolve()
    }, deadlineMs)
    server.close(() => {
      clearTimeout(timer)
      resolve()
    })
    server.closeIdleConnections()
  })
}
