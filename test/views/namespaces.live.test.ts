// Real namespaces: under `unshare --pid --fork --mount-proc --net --uts`, the PID listing, /proc/net/dev,
// /proc/net/snmp and the hostname classify as namespaced; run plainly on this VM (the initial namespaces),
// as host. Every run is bounded (timeout + --kill-child, so the forked CLI dies with unshare).
import {readlinkSync} from 'node:fs'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {built, cli, isRoot, parseJson, run, which} from '../helpers/live.js'
import {BIN} from '../helpers/paths.js'
import {skip} from '../helpers/skip.js'

const NS_SOURCES = ['/proc/<pid>', '/proc/net/dev', '/proc/net/snmp', '/proc/sys/kernel/hostname']
type Views = {views: {source: string; scope: string; evidence: string}[]}
const scopes = (v: Views) =>
  Object.fromEntries(v.views.filter((x) => NS_SOURCES.includes(x.source)).map((x) => [x.source, x.scope]))
const evidence = (v: Views, s: string) => v.views.find((x) => x.source === s)!.evidence

// The initial namespaces' fixed inodes (include/uapi/linux/nsfs.h).
const INITIAL: Record<string, string> = {pid: 'pid:[4026531836]', uts: 'uts:[4026531838]', net: 'net:[4026531833]'}
const link = (t: string) => {
  try {
    return readlinkSync(`/proc/self/ns/${t}`)
  } catch {
    return null
  }
}
const inInitial = Object.entries(INITIAL).every(([t, l]) => link(t) === l)

const UNSHARE = which('unshare')

if (!built()) skip(test, 'views in real namespaces', 'dist/ is not built: run `npm run build`')
else {
  if (!inInitial) {
    skip(
      test,
      'views --json in the initial namespaces',
      `this test runs in namespaces of its own (pid ${link('pid')}, uts ${link('uts')}, net ${link('net')}), so "host" cannot be expected`,
    )
  } else {
    test("views --json in the initial namespaces: PID listing, net and hostname are the host's", () => {
      const v = parseJson<Views>(cli(['views', '--json'], {timeoutMs: 15_000}), 'views --json')
      assert.equal(scopes(v), Object.fromEntries(NS_SOURCES.map((s) => [s, 'host'])))
      assert.match(evidence(v, '/proc/<pid>'), /pid:\[4026531836\] is the initial \(host\) pid namespace/)
      assert.match(evidence(v, '/proc/net/dev'), /net:\[4026531833\] is the initial \(host\) net namespace/)
      assert.match(evidence(v, '/proc/sys/kernel/hostname'), /uts:\[4026531838\] is the initial \(host\) uts namespace/)
    })
  }

  if (!isRoot())
    skip(test, 'views --json under unshare', 'unshare --pid --net --uts needs root (or user namespaces, not used here)')
  else if (!UNSHARE) skip(test, 'views --json under unshare', 'unshare (util-linux) is not installed')
  else {
    test('views --json under unshare --pid --fork --mount-proc --net --uts: namespaced, with the new namespaces as evidence', () => {
      // Set a hostname inside the new UTS namespace: the view must report the namespace's, not the host's.
      const script = `echo gvviews-uts > /proc/sys/kernel/hostname && exec "${process.execPath}" "${BIN}" views --json`
      const r = run(
        UNSHARE,
        ['--pid', '--fork', '--mount-proc', '--net', '--uts', '--kill-child', 'sh', '-c', script],
        {timeoutMs: 20_000},
      )
      assert.is(r.status, 0, `exit ${r.status} ${r.signal ?? ''}: ${r.stderr}`)
      const v = parseJson<Views>(r, 'unshare views --json')
      assert.equal(scopes(v), Object.fromEntries(NS_SOURCES.map((s) => [s, 'namespaced'])))
      const pid = evidence(v, '/proc/<pid>')
      assert.match(
        pid,
        /^pid:\[\d+\] is not the initial pid namespace \(pid:\[4026531836\]\); PID 1 here is node$/,
        'sh execs the CLI: it is PID 1',
      )
      assert.is.not(/^(pid:\[\d+\])/.exec(pid)![1], link('pid'), 'evidence names the new PID namespace, not ours')
      assert.match(evidence(v, '/proc/net/dev'), /lists 1 interface \(lo\)/)
      assert.match(
        evidence(v, '/proc/net/snmp'),
        /^the kernel scopes \/proc\/net\/snmp to the network namespace \(net:\[\d+\]\)/,
      )
      assert.match(
        evidence(v, '/proc/sys/kernel/hostname'),
        /is not the initial uts namespace.*hostname "gvviews-uts" is the container's own/,
      )
      // The rest of /proc is still the host's: these namespaces do not virtualize memory or CPUs.
      assert.is(v.views.find((x) => x.source === '/proc/meminfo')!.scope, 'host')
    })

    test("unshare --pid --fork without --mount-proc: /proc is still the host's, so the PID listing is host", () => {
      const r = run(UNSHARE, ['--pid', '--fork', '--kill-child', process.execPath, BIN, 'views', '--json'], {
        timeoutMs: 20_000,
      })
      assert.is(r.status, 0, `exit ${r.status} ${r.signal ?? ''}: ${r.stderr}`)
      const v = parseJson<Views>(r, 'unshare --pid (no --mount-proc) views --json')
      const pid = v.views.find((x) => x.source === '/proc/<pid>')!
      assert.is(pid.scope, 'host', pid.evidence)
      assert.match(pid.evidence, /^NSpid \d+ 1: \/proc was mounted for an ancestor PID namespace/)
    })
  }
}

test.run()
