// The probes in the real environment they describe: a process with no_new_privs set (setpriv), a process
// with no capabilities as nobody (setpriv: perf verdict from perf_event_paranoid, dmesg from
// dmesg_restrict), and a process under a seccomp filter (test/helpers/syscalls.py, Python ctypes: prctl
// PR_SET_SECCOMP with a filter that refuses perf_event_open). Each verdict is checked against what the
// kernel does: syscalls.py perf-open calls perf_event_open under the same conditions.
//
// Everything runs from a world-readable copy of the single-file CLI and of syscalls.py: uid 65534 cannot
// reach a checkout under /root, or in any directory of mode 700 (issue 14; test/dist/private-checkout.test.ts
// runs this file from such a clone).
import {chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {built, cliUnder, isRoot, parseJson, readText, run, which} from '../helpers/live.js'
import {REPO} from '../helpers/paths.js'
import {publicCopy} from '../helpers/public-copy.js'
import {skip} from '../helpers/skip.js'

const copy = built()
  ? publicCopy([join(REPO, 'dist', 'guestview.mjs'), join(REPO, 'test', 'helpers', 'syscalls.py')])
  : null
test.after(() => copy?.remove())
const BIN = copy?.path('guestview.mjs')
const SYSCALLS = copy?.path('syscalls.py') ?? join(REPO, 'test', 'helpers', 'syscalls.py')
// Not a pyenv shim under /root: the unprivileged runs must be able to start it.
const PYTHON = ['/usr/bin/python3', '/usr/local/bin/python3'].find((p) => existsSync(p)) ?? null
const SETPRIV = which('setpriv')
const DROP = [
  '--inh-caps=-all',
  '--bounding-set=-all',
  '--ambient-caps=-all',
  '--reuid',
  '65534',
  '--regid',
  '65534',
  '--clear-groups',
]

// oclif reads its data directory under HOME: give nobody one it may read (in the public copy).
const home = copy ? copy.path('home') : mkdtempSync(join(tmpdir(), 'gv-home-'))
mkdirSync(home, {recursive: true, mode: 0o755})
chmodSync(home, 0o755)
test.after(() => rmSync(home, {recursive: true, force: true}))
const env = {HOME: home}

const num = (path: string): number | null => {
  const t = readText(path)
  return t !== null && /^-?\d+\s*$/.test(t) ? Number(t) : null
}
const PARANOID = num('/proc/sys/kernel/perf_event_paranoid')
const DMESG_RESTRICT = num('/proc/sys/kernel/dmesg_restrict')

type Report = {
  probes: {
    process: Record<string, any>
    perf: Record<string, any>
    dmesg: Record<string, any>
    namespaces: Record<string, any>
  }
  findings: {id: string; severity: string}[]
  views: {source: string; scope: string}[]
}

const report = (prefix: string[], what: string): Report => {
  const r = cliUnder(prefix, ['report', '--json'], {timeoutMs: 20_000, env, bin: BIN})
  assert.is(r.status, 0, `${what}: exit ${r.status} ${r.signal ?? ''} ${r.stderr}`)
  return parseJson<Report>(r, what)
}

const perfOpen = (prefix: string[]): {self: string; system: string} | null => {
  if (!PYTHON) return null
  const argv = [...prefix, PYTHON, SYSCALLS, 'perf-open']
  const r = run(argv[0]!, argv.slice(1), {timeoutMs: 10_000})
  // eslint-disable-next-line no-restricted-syntax -- syscalls.py's JSON, not guestview's
  return r.status === 0 ? (JSON.parse(r.stdout) as {self: string; system: string}) : null
}

/** What the perf verdict promises, checked against a real perf_event_open. */
function agrees(verdict: string, real: {self: string; system: string}, what: string): void {
  if (verdict === 'permitted' || verdict === 'restricted')
    assert.is(real.self, 'ok', `${what}: verdict ${verdict} but profiling itself failed with ${real.self}`)
  if (verdict === 'restricted')
    assert.is.not(real.system, 'ok', `${what}: restricted, yet system-wide profiling worked`)
  if (verdict === 'blocked')
    assert.ok(['EPERM', 'EACCES'].includes(real.self), `${what}: blocked, yet perf_event_open gave ${real.self}`)
}

if (!built()) skip(test, 'probes in the real environment', 'dist/ is not built: run `npm run build`')
else if (!SETPRIV) skip(test, 'probes in the real environment', 'setpriv (util-linux) is not installed')
else {
  test('no_new_privs: true under setpriv --no-new-privs, false without', () => {
    const on = report([SETPRIV, '--no-new-privs'], 'setpriv --no-new-privs report --json')
    assert.is(on.probes.process.noNewPrivs, true)
    const off = report([], 'report --json')
    // The test runner itself may run with no_new_privs (a container, systemd NoNewPrivileges=): then so do we.
    const inherited = /^NoNewPrivs:\s*1$/m.test(readText('/proc/self/status') ?? '')
    assert.is(off.probes.process.noNewPrivs, inherited)
    if (inherited) console.log('  note: the test runner runs with no_new_privs, so the plain run reports true too')
  })

  if (!isRoot()) {
    skip(test, 'capabilities dropped as nobody', 'needs root to switch to uid 65534 with setpriv')
  } else {
    test('no capabilities as nobody: CapEff empty; perf verdict from perf_event_paranoid; dmesg from dmesg_restrict', () => {
      const r = report([SETPRIV, ...DROP], 'setpriv (no caps, uid 65534) report --json')
      const p = r.probes.process
      assert.equal([p.capEff, p.capabilities, p.uid], ['0000000000000000', [], 65534])
      assert.is(r.probes.perf.privileged, false)
      assert.is(r.probes.perf.paranoid, PARANOID)
      const seccomp = p.seccomp === 'filter'
      const want =
        PARANOID === null
          ? 'unknown'
          : seccomp
            ? 'blocked'
            : PARANOID >= 3
              ? 'blocked'
              : PARANOID >= 2
                ? 'restricted'
                : 'permitted'
      assert.is(r.probes.perf.verdict, want, r.probes.perf.why)
      const finding = r.findings.find((f) => f.id === 'perf-blocked')
      if (want === 'blocked') assert.is(finding?.severity, 'warn')
      else if (want === 'restricted') assert.is(finding?.severity, 'info')
      else assert.is(finding, undefined)
      const real = perfOpen([SETPRIV, ...DROP])
      if (real) agrees(want, real, 'nobody, no caps')
      else console.log('  note: perf_event_open not cross-checked (no /usr/bin/python3 or unsupported architecture)')

      // dmesg: /dev/kmsg refuses readers without CAP_SYSLOG when dmesg_restrict=1; with 0 anyone may read it.
      const d = r.probes.dmesg
      assert.is(d.dmesgRestrict, DMESG_RESTRICT)
      if (!existsSync('/dev/kmsg')) {
        assert.is(d.kmsg, 'absent')
      } else if (DMESG_RESTRICT === 1) {
        assert.equal([d.verdict, d.kmsg], ['denied', 'denied'], d.why)
        assert.match(d.why, /dmesg_restrict=1 requires CAP_SYSLOG/)
        assert.is(r.views.find((v) => v.source === '/dev/kmsg')!.scope, 'unavailable')
      } else if (DMESG_RESTRICT === 0) {
        assert.equal([d.verdict, d.kmsg], ['host-log', 'readable'], d.why)
        assert.is(r.views.find((v) => v.source === '/dev/kmsg')!.scope, 'host')
      }
    })

    test("root with every capability: perf permitted, /dev/kmsg readable (the host's log)", () => {
      const r = report([], 'report --json')
      const caps: string[] = r.probes.process.capabilities
      if (!caps.includes('CAP_SYS_ADMIN')) {
        console.log('  note: the test runner lacks CAP_SYS_ADMIN; nothing to check as root')
        return
      }
      assert.is(r.probes.perf.privileged, true)
      if (r.probes.process.seccomp !== 'filter') assert.is(r.probes.perf.verdict, 'permitted')
      if (existsSync('/dev/kmsg') && caps.includes('CAP_SYSLOG')) assert.is(r.probes.dmesg.verdict, 'host-log')
      const real = perfOpen([])
      if (real && r.probes.process.seccomp !== 'filter') agrees('permitted', real, 'root')
    })
  }

  const UNSHARE = which('unshare')
  if (!isRoot() || !UNSHARE) {
    skip(
      test,
      'user namespace',
      !UNSHARE
        ? 'unshare (util-linux) is not installed'
        : 'unshare --user --map-root-user is run as root here, to map uid 0 to itself',
    )
  } else {
    test('user namespace (unshare --user --map-root-user): uid_map mapped, capabilities do not lift perf or dmesg', () => {
      const r = report([UNSHARE, '--user', '--map-root-user'], 'unshare --user report --json')
      const p = r.probes.process
      assert.equal(p.uidMap, [{inside: 0, outside: 0, count: 1}])
      assert.is(p.userNamespace, 'mapped')
      assert.is(r.probes.namespaces.user.initial, false)
      assert.ok(p.capabilities.includes('CAP_SYS_ADMIN'), 'root in its own user namespace holds every capability there')
      assert.is(r.probes.perf.privileged, false)
      const want =
        PARANOID === null ? 'unknown' : PARANOID >= 3 ? 'blocked' : PARANOID >= 2 ? 'restricted' : 'permitted'
      assert.is(r.probes.perf.verdict, want, r.probes.perf.why)
      const real = perfOpen([UNSHARE, '--user', '--map-root-user'])
      if (real) agrees(want, real, 'user namespace')
      if (existsSync('/dev/kmsg') && DMESG_RESTRICT === 1)
        assert.is(r.probes.dmesg.verdict, 'denied', r.probes.dmesg.why)
    })
  }

  if (!PYTHON) {
    skip(
      test,
      'seccomp filter',
      'no /usr/bin/python3: the filter is installed with Python ctypes (prctl PR_SET_SECCOMP); setpriv has no seccomp option',
    )
  } else {
    const probe = run(PYTHON, [SYSCALLS, 'seccomp-exec', 'true'], {timeoutMs: 10_000})
    if (probe.status !== 0) {
      skip(
        test,
        'seccomp filter',
        `cannot install a seccomp filter here: ${probe.stderr.trim() || `exit ${probe.status}`}`,
      )
    } else {
      test('seccomp filter: Seccomp 2 and no_new_privs seen by the probe', () => {
        const r = report([PYTHON, SYSCALLS, 'seccomp-exec'], 'seccomp-exec report --json')
        const p = r.probes.process
        assert.is(p.seccomp, 'filter')
        assert.ok(p.seccompFilters >= 1, String(p.seccompFilters))
        assert.is(p.noNewPrivs, true)
      })

      if (isRoot()) {
        test('seccomp filter without CAP_PERFMON/SYS_ADMIN: perf blocked (warn), and perf_event_open really fails', () => {
          const prefix = [SETPRIV, ...DROP, PYTHON, SYSCALLS, 'seccomp-exec']
          const r = report(prefix, 'nobody + seccomp report --json')
          assert.is(r.probes.process.seccomp, 'filter')
          assert.is(r.probes.perf.verdict, 'blocked', r.probes.perf.why)
          assert.match(r.probes.perf.why, /seccomp filter is active/)
          assert.is(r.findings.find((f) => f.id === 'perf-blocked')?.severity, 'warn')
          const real = run(SETPRIV, [...DROP, PYTHON, SYSCALLS, 'seccomp-exec', PYTHON, SYSCALLS, 'perf-open'], {
            timeoutMs: 10_000,
          })
          assert.is(real.status, 0, real.stderr)
          // eslint-disable-next-line no-restricted-syntax -- syscalls.py's JSON, not guestview's
          const opened = JSON.parse(real.stdout) as {self: string; system: string}
          agrees('blocked', opened, 'nobody + seccomp')
          assert.is(opened.self, 'EPERM', 'the filter answers EPERM, as "perf: Operation not permitted" says')
        })
      }
    }
  }
}

test.run()
