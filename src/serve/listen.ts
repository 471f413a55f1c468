// --listen HOST:PORT: an IPv4 address or a name, or [IPv6]:PORT. No default host on purpose: a sidecar is
// reachable from the pod only when it says 0.0.0.0 (or [::]) explicitly; the default is loopback.
export type Listen = {host: string; port: number}

export const DEFAULT_LISTEN = '127.0.0.1:9323'

export function parseListen(text: string): {ok: true; listen: Listen} | {ok: false; message: string} {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(text.trim())
  const port = m ? Number(m[3]) : NaN
  if (!m || port > 65535) {
    return {
      ok: false,
      message: `--listen ${text}: expected HOST:PORT, e.g. --listen 127.0.0.1:9323, --listen 0.0.0.0:9323 or --listen [::1]:9323`,
    }
  }
  return {ok: true, listen: {host: m[1] ?? m[2]!, port}}
}

export const hostForUrl = (host: string): string => (host.includes(':') ? `[${host}]` : host)
