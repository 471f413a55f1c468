// Push the exposition to a Prometheus Pushgateway (or any HTTP endpoint that takes the text format):
// `PUT <url>` replaces the group's metrics, as the Pushgateway API defines. got is imported here only,
// so no other path pays for it; no retries (a sidecar runs it again on its own schedule), 5 s timeout.
//
// The gateway is another party (issue 13 item 3): redirects are not followed (got would re-send the body
// to wherever Location points, and a 303 turns the PUT into a GET that "succeeds"), so a 3xx is an error;
// credentials in the URL are sent (got uses them for basic auth) but never printed; and an error body is
// read up to ERROR_BODY_BYTES and shown as one line with its control characters escaped.
import {oneLine} from '../text/safe.js'

export type PushResult = {ok: true; status: number} | {ok: false; message: string}

/** The most of an error body we read; the rest is never downloaded. */
export const ERROR_BODY_BYTES = 4096

/** The URL with its password (or a lone user name, often a token) replaced by "***". */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    else if (u.username) u.username = '***'
    return u.toString()
  } catch {
    // Not a URL: hide anything that looks like user:password@ anyway.
    return url.replace(/\/\/[^/@]*@/, '//***@')
  }
}

export function checkPushUrl(url: string): string | null {
  const shown = oneLine(redactUrl(url), 300)
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return `--push ${shown}: not a URL; give e.g. http://pushgateway:9091/metrics/job/guestview`
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `--push ${shown}: only http and https are supported`
  return null
}

export async function pushMetrics(url: string, body: string, timeoutMs = 5000): Promise<PushResult> {
  const {default: got} = await import('got')
  const shown = redactUrl(url)
  const fail = (why: string): PushResult => ({ok: false, message: oneLine(`push to ${shown} failed: ${why}`, 600)})
  const secret = secretsOf(url)
  try {
    const stream = got.stream.put(url, {
      body,
      headers: {'content-type': 'text/plain; version=0.0.4; charset=utf-8'},
      timeout: {request: timeoutMs},
      retry: {limit: 0},
      followRedirect: false,
      throwHttpErrors: false,
    })
    const res = await new Promise<{statusCode: number; headers: Record<string, unknown>}>((resolve, reject) => {
      stream.once('response', resolve)
      stream.once('error', reject)
    })
    if (res.statusCode >= 200 && res.statusCode < 300) {
      stream.destroy()
      return {ok: true, status: res.statusCode}
    }
    if (res.statusCode >= 300 && res.statusCode < 400) {
      stream.destroy()
      const location = typeof res.headers.location === 'string' ? redactUrl(res.headers.location) : 'nowhere'
      return fail(
        `HTTP ${res.statusCode} redirect to ${location}; redirects are not followed (the metrics would be sent elsewhere): push to the final URL`,
      )
    }
    const reply = await readBounded(stream, ERROR_BODY_BYTES)
    const more = reply.truncated ? ` (a longer body: only its first ${ERROR_BODY_BYTES} bytes were read)` : ''
    return fail(`HTTP ${res.statusCode} ${oneLine(hide(reply.text, secret), 300)}${more}`)
  } catch (error) {
    return fail(hide((error as Error).message.split('\n')[0] ?? 'error', secret))
  }
}

/** At most maxBytes of the body, then the connection is dropped: a huge error body is never read whole. */
async function readBounded(
  stream: AsyncIterable<Buffer> & {destroy(): void},
  maxBytes: number,
): Promise<{text: string; truncated: boolean}> {
  const chunks: Buffer[] = []
  let n = 0
  try {
    for await (const chunk of stream) {
      chunks.push(chunk)
      n += chunk.length
      if (n >= maxBytes) break
    }
  } catch {
    // A body cut short is still worth its first bytes.
  } finally {
    stream.destroy()
  }
  return {text: Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8'), truncated: n >= maxBytes}
}

function secretsOf(url: string): string[] {
  try {
    const u = new URL(url)
    return [u.password, u.username, decodeURIComponent(u.password)].filter((s) => s.length >= 3)
  } catch {
    return []
  }
}

const hide = (text: string, secrets: string[]): string => secrets.reduce((t, s) => t.split(s).join('***'), text)
