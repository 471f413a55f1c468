// Where metrics --push PUTs: the base URL plus /metrics/job/<job> (as prom-client's Pushgateway builds it),
// a full job URL as given, and one line for a job given twice.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {pushUrl} from '../../src/metrics/push-url.js'

const url = (given: string, job?: string) => {
  const r = pushUrl(given, job)
  assert.ok(r.ok, JSON.stringify(r))
  return r.ok ? r.url : ''
}

test('a base URL gets the job path; --job names the job', () => {
  assert.is(url('http://127.0.0.1:9091'), 'http://127.0.0.1:9091/metrics/job/guestview')
  assert.is(url('http://127.0.0.1:9091/'), 'http://127.0.0.1:9091/metrics/job/guestview')
  assert.is(url('http://gw:9091', 'my app'), 'http://gw:9091/metrics/job/my%20app')
  assert.is(url('https://gw.example/prefix/', 'x'), 'https://gw.example/prefix/metrics/job/x')
})

test('a job with a slash is sent base64url-encoded, as the Pushgateway API documents', () => {
  assert.is(
    url('http://gw:9091', 'team/app'),
    `http://gw:9091/metrics/job@base64/${Buffer.from('team/app').toString('base64url')}`,
  )
})

test('a full /metrics/job/... URL is used as given; --job beside it is an error', () => {
  const full = 'http://gw:9091/metrics/job/guestview/instance/pod-1'
  assert.is(url(full), full)
  const both = pushUrl(full, 'other')
  assert.ok(!both.ok && /already names a job/.test(both.message))
  const empty = pushUrl('http://gw:9091', '')
  assert.ok(!empty.ok && /cannot be empty/.test(empty.message))
})

test.run()
