// Push the exposition to a Prometheus Pushgateway (or any HTTP endpoint that takes the text format):
// `PUT <url>` replaces the group's metrics, as the Pushgateway API defines. got is imported here only,
// so no other path pays for it; no retries (a sidecar runs it again on its own schedule), 5 s timeout.
export type PushResult = {ok: true; status: number} | {ok: false; message: string}

export function checkPushUrl(url: string): string | null {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return `--push ${url}: not a URL; give e.g. http://pushgateway:9091/metrics/job/guestview`
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `--push ${url}: only http and https are supported`
  return null
}

export async function pushMetrics(url: string, body: string, timeoutMs = 5000): Promise<PushResult> {
  const {default: got} = await import('got')
  try {
    const res = await got.put(url, {
      body,
      headers: {'content-type': 'text/plain; version=0.0.4; charset=utf-8'},
      timeout: {request: timeoutMs},
      retry: {limit: 0},
      throwHttpErrors: false,
    })
    if (res.statusCode >= 200 && res.statusCode < 300) return {ok: true, status: res.statusCode}
    return {
      ok: false,
      message:
        `push to ${url} failed: HTTP ${res.statusCode} ${String(res.body).split('\n')[0]?.slice(0, 200) ?? ''}`.trim(),
    }
  } catch (error) {
    return {ok: false, message: `push to ${url} failed: ${(error as Error).message.split('\n')[0]}`}
  }
}
