// `metrics --push`'s one line: how many samples went to which Pushgateway URL (its password redacted by the
// caller), and the HTTP status it answered. A status line: in a pipe never wrapped, so the URL stays whole.
import {statusLine, type Doc} from '../doc/blocks.js'
import {line, num, path} from '../doc/tokens.js'

export function pushedDoc(samples: number, redactedUrl: string, httpStatus: number): Doc {
  return [statusLine(line`pushed ${num(samples, 'count')} samples to ${path(redactedUrl)} (HTTP ${httpStatus})`)]
}
