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

/**
 * The request handler. `draining` turns keep-alive off so that each connection ends with its response.
 *
 * Each collection is rendered once, as exposition text and as JSON, and every scrape served from it gets
 * the same string: a collection is made at most once a second, so at 50 concurrent scrapes rendering per
 * request would put 50 renders in the queue in front of the last one (p99 0.8 s here, against 50 ms).
 */
export function handler(
  collector: Collector,
  registry: Registry,
  state: {served: Served; draining: boolean},
  options: {pod?: boolean} = {},
): Handler {
  const texts = new WeakMap<Served, Promise<string>>()
  const reports = new WeakMap<Served, {status: number; text: string}>()
  const metricsText = (served: Served): Promise<string> => {
    let text = texts.get(served)
    if (!text) {
      // The collect callbacks run synchronously at the start of metrics(), so they all see this collection.
      state.served = served
      text = registry.metrics()
      texts.set(served, text)
    }
    return text
  }
  const reportText = (served: Served): {status: number; text: string} => {
    let r = reports.get(served)
    if (!r) {
      const b = reportBody(served, options.pod)
      r = {status: b.status, text: JSON.stringify(b.body) + '\n'}
      reports.set(served, r)
    }
    return r
  }
  return (req, res) => {
    if (state.draining) res.setHeader('connection', 'close')
    const path = (req.url ?? '').split('?')[0]
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, {'content-type': type, 'cache-control': 'no-store'})
      res.end(req.method === 'HEAD' ? undefined : body)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(404, 'text/plain; charset=utf-8', 'not found\n')
    if (path === '/healthz') return send(200, 'text/plain; charset=utf-8', 'ok\n')
    if (path !== '/metrics' && path !== '/report') return send(404, 'text/plain; charset=utf-8', 'not found\n')
    collector
      .get()
      .then(async (served) => {
        if (path === '/report') {
          const r = reportText(served)
          return send(r.status, 'application/json; charset=utf-8', r.text)
        }
        return send(200, registry.contentType, await metricsText(served))
      })
      .catch((error: unknown) => send(500, 'text/plain; charset=utf-8', `${String(error).split('\n')[0]}\n`))
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
