// Where `metrics --push` PUTs: the Pushgateway's base URL plus --job, with the path added the way
// prom-client's Pushgateway adds it (`<base>/metrics/job/<job>`), or a full `.../metrics/job/...` URL as
// given (grouping labels included). Pushing to the base URL alone is a 405 from the gateway, which is why
// the path is added here. A job name with a "/" is sent base64url-encoded (`job@base64/...`), as the
// Pushgateway's API documents for label values that contain a slash.
export const DEFAULT_JOB = 'guestview'

export type PushTarget = {ok: true; url: string} | {ok: false; message: string}

const JOB_PATH = /\/metrics\/job(@base64)?\/[^/]/

export function pushUrl(given: string, job: string | undefined): PushTarget {
  let u: URL
  try {
    u = new URL(given)
  } catch {
    return {ok: true, url: given} // checkPushUrl says what is wrong with it
  }
  if (JOB_PATH.test(u.pathname)) {
    if (job !== undefined)
      return {
        ok: false,
        message: `--job ${job}: the --push URL already names a job (${u.pathname}); give one or the other`,
      }
    return {ok: true, url: given}
  }
  const name = job ?? DEFAULT_JOB
  if (name === '') return {ok: false, message: '--job: the job name cannot be empty'}
  const segment = name.includes('/')
    ? `job@base64/${Buffer.from(name).toString('base64url')}`
    : `job/${encodeURIComponent(name)}`
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/metrics/${segment}`
  return {ok: true, url: u.toString()}
}
