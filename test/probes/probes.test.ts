// The probes on sysroot trees: the perf verdict over CapEff x Seccomp x perf_event_paranoid, the dmesg
// verdict over /dev/kmsg x CAP_SYSLOG x dmesg_restrict x seccomp, the process probe (capabilities, seccomp,
// no_new_privs, NSpid, uid_map) and the namespace probe (fixed initial inodes, old-kernel net/mnt).
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {dmesgFields, readDmesgProbe} from '../../src/probes/dmesg.js'
import {readNamespace} from '../../src/probes/namespaces.js'
import {readPerfProbe, type PerfProbe} from '../../src/probes/perf.js'
import {unknownsOf} from '../../src/model/fields.js'
import {capabilityNames, processFields, readProcessProbe} from '../../src/probes/process.js'
import {buildFull} from '../../src/report/full.js'
import type {Sysroot} from '../../src/sysroot/sysroot.js'
import {cleanupTrees, statusText, treeSysroot} from '../helpers/tree.js'

test.after(cleanupTrees)

const CAPS = {
  none: '0000000000000000',
  docker: '00000000a80425fb',
  perfmon: (1n << 38n).toString(16).padStart(16, '0'),
  sysadmin: (1n << 21n).toString(16).padStart(16, '0'),
  syslog: (1n << 34n).toString(16).padStart(16, '0'),
  all: '000001ffffffffff',
}

/** Why the process probe's files gave no value, as the report's debug.unknown lists them. */
const processUnknowns = (sys: Sysroot) =>
  Object.values(unknownsOf('probes.process', processFields(sys))).map((u) => u.reason)

test('capabilityNames: the Docker default set, CAP_PERFMON, CAP_SYS_ADMIN, unknown high bits', () => {
  assert.equal(capabilityNames(0xa80425fbn), [
    'CAP_CHOWN',
    'CAP_DAC_OVERRIDE',
    'CAP_FOWNER',
    'CAP_FSETID',
    'CAP_KILL',
    'CAP_SETGID',
    'CAP_SETUID',
    'CAP_SETPCAP',
    'CAP_NET_BIND_SERVICE',
    'CAP_NET_RAW',
    'CAP_SYS_CHROOT',
    'CAP_MKNOD',
    'CAP_AUDIT_WRITE',
    'CAP_SETFCAP',
  ])
  assert.equal(capabilityNames(BigInt('0x' + CAPS.perfmon)), ['CAP_PERFMON'])
  assert.equal(capabilityNames(BigInt('0x' + CAPS.sysadmin)), ['CAP_SYS_ADMIN'])
  assert.equal(capabilityNames(BigInt('0x' + CAPS.syslog)), ['CAP_SYSLOG'])
  assert.is(capabilityNames(0x1ffffffffffn).length, 41)
  assert.equal(capabilityNames(1n << 45n), ['cap_45'])
  assert.equal(capabilityNames(0n), [])
})

type PerfCase = {
  name: string
  caps: keyof typeof CAPS | null
  seccomp: '0' | '2'
  paranoid: string | null
  kptr?: string
  want: PerfProbe['verdict']
  why: RegExp
}

const PERF: PerfCase[] = [
  {
    name: 'no caps, no seccomp, paranoid -1',
    caps: 'none',
    seccomp: '0',
    paranoid: '-1',
    want: 'permitted',
    why: /perf_event_paranoid=-1 allows unprivileged/,
  },
  {
    name: 'no caps, no seccomp, paranoid 1',
    caps: 'none',
    seccomp: '0',
    paranoid: '1',
    want: 'permitted',
    why: /perf_event_paranoid=1 allows/,
  },
  {
    name: 'no caps, no seccomp, paranoid 2 (upstream default)',
    caps: 'none',
    seccomp: '0',
    paranoid: '2',
    want: 'restricted',
    why: /only user-space profiling of your own processes/,
  },
  {
    name: 'no caps, no seccomp, paranoid 3 (Debian)',
    caps: 'none',
    seccomp: '0',
    paranoid: '3',
    want: 'blocked',
    why: /perf_event_paranoid=3 .* forbids perf_event_open to unprivileged/,
  },
  {
    name: 'no caps, no seccomp, paranoid 4 (Ubuntu 24.04)',
    caps: 'none',
    seccomp: '0',
    paranoid: '4',
    want: 'blocked',
    why: /perf_event_paranoid=4/,
  },
  {
    name: 'no caps, seccomp filter, paranoid 1',
    caps: 'none',
    seccomp: '2',
    paranoid: '1',
    want: 'blocked',
    why: /seccomp filter is active .* neither CAP_SYS_ADMIN nor CAP_PERFMON/,
  },
  {
    name: 'Docker default caps, seccomp filter, paranoid 2',
    caps: 'docker',
    seccomp: '2',
    paranoid: '2',
    kptr: '1',
    want: 'blocked',
    why: /Operation not permitted.*Kernel symbols are hidden too/,
  },
  {
    name: 'CAP_PERFMON, seccomp filter, paranoid 4',
    caps: 'perfmon',
    seccomp: '2',
    paranoid: '4',
    want: 'permitted',
    why: /holds CAP_PERFMON.*regardless of perf_event_paranoid=4.*seccomp filter is active/,
  },
  {
    name: 'CAP_SYS_ADMIN, no seccomp, paranoid 3',
    caps: 'sysadmin',
    seccomp: '0',
    paranoid: '3',
    want: 'permitted',
    why: /holds CAP_SYS_ADMIN/,
  },
  {
    name: 'all caps, no seccomp, paranoid 4',
    caps: 'all',
    seccomp: '0',
    paranoid: '4',
    want: 'permitted',
    why: /holds CAP_SYS_ADMIN/,
  },
  {
    name: 'no caps, no perf_event_paranoid file',
    caps: 'none',
    seccomp: '0',
    paranoid: null,
    want: 'unknown',
    why: /cannot be read/,
  },
  {
    name: 'no CapEff line, paranoid 2',
    caps: null,
    seccomp: '0',
    paranoid: '2',
    want: 'restricted',
    why: /perf_event_paranoid=2/,
  },
  {
    name: 'no CapEff line, paranoid 1',
    caps: null,
    seccomp: '0',
    paranoid: '1',
    want: 'unknown',
    why: /capabilities could not be read/,
  },
  {
    name: 'no caps, malformed perf_event_paranoid',
    caps: 'none',
    seccomp: '0',
    paranoid: 'two',
    want: 'unknown',
    why: /does not hold a number/,
  },
  {
    name: 'CAP_PERFMON, malformed perf_event_paranoid',
    caps: 'perfmon',
    seccomp: '0',
    paranoid: 'two',
    want: 'permitted',
    why: /holds CAP_PERFMON/,
  },
]

for (const c of PERF) {
  test(`perf verdict: ${c.name} -> ${c.want}`, () => {
    const files: Record<string, string> = {
      '/proc/self/status': statusText({
        capEff: c.caps === null ? null : CAPS[c.caps],
        seccomp: c.seccomp,
        filters: c.seccomp === '2' ? '1' : '0',
      }),
      '/proc/sys/kernel/kptr_restrict': (c.kptr ?? '0') + '\n',
    }
    if (c.paranoid !== null) files['/proc/sys/kernel/perf_event_paranoid'] = c.paranoid + '\n'
    const sys = treeSysroot({files})
    const p = readPerfProbe(sys, readProcessProbe(sys))
    assert.is(p.verdict, c.want, p.why)
    assert.match(p.why, c.why)
    assert.not.match(p.why, /undefined|=null/)
    assert.is(p.basis, 'inferred')
    assert.is(p.paranoid, c.paranoid !== null && /^-?\d+$/.test(c.paranoid) ? Number(c.paranoid) : null)
  })
}

test('perf: kptr_restrict hides kernel symbols only from the unprivileged', () => {
  const mk = (caps: string) => {
    const sys = treeSysroot({
      files: {
        '/proc/self/status': statusText({capEff: caps}),
        '/proc/sys/kernel/perf_event_paranoid': '2\n',
        '/proc/sys/kernel/kptr_restrict': '1\n',
      },
    })
    return readPerfProbe(sys, readProcessProbe(sys))
  }
  assert.match(mk(CAPS.none).why, /kptr_restrict>=1/)
  assert.not.match(mk(CAPS.all).why, /kptr_restrict/)
  assert.is(mk(CAPS.none).kptrRestrict, 1)
})

type DmesgCase = {
  name: string
  kmsg: 'readable' | 'absent' | 'denied' | 'error'
  caps: keyof typeof CAPS
  restrict: string | null
  seccomp: '0' | '2'
  want: string
  kind: string
  why: RegExp
}

const DMESG: DmesgCase[] = [
  {
    name: 'readable /dev/kmsg',
    kmsg: 'readable',
    caps: 'all',
    restrict: '1',
    seccomp: '0',
    want: 'host-log',
    kind: 'readable',
    why: /host kernel's ring buffer/,
  },
  {
    name: 'denied /dev/kmsg, dmesg_restrict=1',
    kmsg: 'denied',
    caps: 'none',
    restrict: '1',
    seccomp: '0',
    want: 'denied',
    kind: 'denied',
    why: /permission denied \(EPERM\) \(kernel\.dmesg_restrict=1 requires CAP_SYSLOG\)/,
  },
  {
    name: 'denied /dev/kmsg, dmesg_restrict unreadable',
    kmsg: 'denied',
    caps: 'none',
    restrict: null,
    seccomp: '0',
    want: 'denied',
    kind: 'denied',
    why: /^\/dev\/kmsg: permission denied \(EPERM\): dmesg fails/,
  },
  {
    name: 'no /dev/kmsg, CAP_SYSLOG',
    kmsg: 'absent',
    caps: 'syslog',
    restrict: '1',
    seccomp: '2',
    want: 'host-log',
    kind: 'absent',
    why: /holds CAP_SYSLOG/,
  },
  {
    name: 'no /dev/kmsg, dmesg_restrict=0, no seccomp',
    kmsg: 'absent',
    caps: 'none',
    restrict: '0',
    seccomp: '0',
    want: 'host-log',
    kind: 'absent',
    why: /dmesg_restrict=0 and no seccomp filter/,
  },
  {
    name: 'no /dev/kmsg, dmesg_restrict=0, seccomp',
    kmsg: 'absent',
    caps: 'docker',
    restrict: '0',
    seccomp: '2',
    want: 'unavailable',
    kind: 'absent',
    why: /refused by the seccomp filter/,
  },
  {
    name: 'no /dev/kmsg, dmesg_restrict=1',
    kmsg: 'absent',
    caps: 'docker',
    restrict: '1',
    seccomp: '0',
    want: 'unavailable',
    kind: 'absent',
    why: /needs CAP_SYSLOG \(dmesg_restrict=1\)/,
  },
  {
    name: '/dev/kmsg read error',
    kmsg: 'error',
    caps: 'none',
    restrict: '1',
    seccomp: '0',
    want: 'unavailable',
    kind: 'malformed', // an I/O error on a file that exists is "broken" (sysroot/outcome.ts)
    why: /^\/dev\/kmsg: read failed \(EIO\), and syslog\(2\) needs CAP_SYSLOG/,
  },
]

for (const c of DMESG) {
  test(`dmesg verdict: ${c.name} -> ${c.want}`, () => {
    const files: Record<string, string> = {'/proc/self/status': statusText({capEff: CAPS[c.caps], seccomp: c.seccomp})}
    if (c.restrict !== null) files['/proc/sys/kernel/dmesg_restrict'] = c.restrict + '\n'
    if (c.kmsg === 'readable') files['/dev/kmsg'] = '6,1,100,-;hello\n'
    const unreadable =
      c.kmsg === 'denied'
        ? {'/dev/kmsg': {kind: 'denied' as const, detail: 'permission denied (EPERM)'}}
        : c.kmsg === 'error'
          ? {'/dev/kmsg': {kind: 'error' as const, detail: 'read failed (EIO)'}}
          : undefined
    const sys = treeSysroot({files, ...(unreadable ? {unreadable} : {})})
    const d = readDmesgProbe(sys, readProcessProbe(sys))
    assert.is(d.verdict, c.want, d.why)
    assert.is(d.kmsg, c.kind)
    assert.match(d.why, c.why)
    assert.is(d.dmesgRestrict, c.restrict === null ? null : Number(c.restrict))
    // A null dmesgRestrict has its reason in the report's debug.unknown, as every null value does.
    const unknown = unknownsOf('probes.dmesg', dmesgFields(sys))
    if (c.restrict === null) assert.match(unknown['probes.dmesg.dmesgRestrict']?.reason ?? '', /dmesg_restrict/)
    else assert.equal(unknown, {})
  })
}

test('full report: an unreadable dmesg_restrict is in debug.unknown, with its kind', () => {
  const sys = treeSysroot({
    files: {'/proc/self/status': statusText()},
    unreadable: {'/proc/sys/kernel/dmesg_restrict': {kind: 'denied', reason: 'dmesg_restrict: permission denied'}},
  })
  const r = buildFull(sys)
  assert.is(r.probes.dmesg.dmesgRestrict, null)
  assert.is(r.debug.unknown['probes.dmesg.dmesgRestrict']?.kind, 'denied')
})

test('perf and dmesg: capabilities held in a user namespace of its own do not count for the kernel', () => {
  const mk = (o: {seccomp: '0' | '2'; userLink?: string; uidMap?: string; kmsg?: boolean}) => {
    const files: Record<string, string> = {
      '/proc/self/status': statusText({capEff: CAPS.all, seccomp: o.seccomp}),
      '/proc/sys/kernel/perf_event_paranoid': '2\n',
      '/proc/sys/kernel/dmesg_restrict': '1\n',
    }
    if (o.uidMap) files['/proc/self/uid_map'] = o.uidMap
    const sys = treeSysroot({files, links: o.userLink ? {'/proc/self/ns/user': o.userLink} : {}})
    const proc = readProcessProbe(sys)
    return {perf: readPerfProbe(sys, proc), dmesg: readDmesgProbe(sys, proc)}
  }
  // rootless container: root inside, a user namespace by link and by uid_map
  const rootless = mk({seccomp: '0', userLink: 'user:[4026532700]', uidMap: '         0       1000          1\n'})
  assert.is(rootless.perf.privileged, false)
  assert.is(rootless.perf.verdict, 'restricted', rootless.perf.why)
  assert.match(rootless.perf.why, /belong to a user namespace of its own/)
  assert.is(rootless.dmesg.verdict, 'unavailable', rootless.dmesg.why)
  // the seccomp profile lets the syscall through (the runtime allows it by the granted caps); the kernel still applies paranoid
  const filtered = mk({seccomp: '2', userLink: 'user:[4026532700]'})
  assert.is(filtered.perf.verdict, 'restricted', filtered.perf.why)
  // no link (fixture, old kernel): the uid_map decides
  assert.is(mk({seccomp: '0', uidMap: '0 100000 65536\n'}).perf.privileged, false)
  // initial user namespace: the capabilities count
  const host = mk({seccomp: '0', userLink: 'user:[4026531837]', uidMap: '         0          0 4294967295\n'})
  assert.equal([host.perf.privileged, host.perf.verdict, host.dmesg.verdict], [true, 'permitted', 'host-log'])
  assert.is(mk({seccomp: '0'}).perf.verdict, 'permitted', 'nothing says "user namespace": capabilities count')
})

test('process probe: capabilities, seccomp, no_new_privs, NSpid, uid and uid_map', () => {
  const sys = treeSysroot({
    files: {
      '/proc/self/status': statusText({
        capEff: CAPS.docker,
        seccomp: '2',
        filters: '1',
        nnp: '1',
        nspid: '12345\t7',
        uid: '1000\t1000\t1000\t1000',
      }),
      '/proc/self/uid_map': '         0     100000      65536\n',
    },
  })
  const p = readProcessProbe(sys)
  assert.is(p.capEff, CAPS.docker)
  assert.is(p.capabilities!.length, 14)
  assert.equal([p.seccomp, p.seccompFilters, p.noNewPrivs], ['filter', 1, true])
  assert.equal(p.nsPid, [12345, 7])
  assert.is(p.uid, 1000)
  assert.equal(p.uidMap, [{inside: 0, outside: 100000, count: 65536}])
  assert.is(p.userNamespace, 'mapped')
  assert.equal(processUnknowns(sys), [])
})

test('process probe: host defaults (identity uid_map, no seccomp, strict mode)', () => {
  const host = readProcessProbe(
    treeSysroot({
      files: {
        '/proc/self/status': statusText({capEff: CAPS.all}),
        '/proc/self/uid_map': '         0          0 4294967295\n',
      },
    }),
  )
  assert.equal(
    [host.seccomp, host.seccompFilters, host.noNewPrivs, host.userNamespace, host.uid],
    ['disabled', 0, false, 'initial', 0],
  )
  const strictSys = treeSysroot({files: {'/proc/self/status': statusText({seccomp: '1'})}})
  const strict = readProcessProbe(strictSys)
  assert.is(strict.seccomp, 'strict')
  assert.is(strict.userNamespace, null, 'no uid_map: unknown, and absent (old kernels, fixtures), not broken')
  assert.equal(
    Object.values(unknownsOf('probes.process', processFields(strictSys))).map((u) => u.kind),
    ['absent'],
  )
})

test('process probe: missing lines are null; an unreadable or malformed status is said why, not a crash', () => {
  const bare = readProcessProbe(
    treeSysroot({
      files: {
        '/proc/self/status': statusText({
          capEff: null,
          seccomp: null,
          filters: null,
          nnp: null,
          nspid: null,
          uid: null,
        }),
      },
    }),
  )
  assert.equal(
    [bare.capEff, bare.capabilities, bare.seccomp, bare.seccompFilters, bare.noNewPrivs, bare.nsPid, bare.uid],
    [null, null, null, null, null, null, null],
  )
  const bad = readProcessProbe(treeSysroot({files: {'/proc/self/status': 'CapEff:\tzzzz\nSeccomp:\t7\n'}}))
  assert.equal([bad.capEff, bad.capabilities, bad.seccomp], [null, null, null])
  const brokenSys = treeSysroot({files: {'/proc/self/status': 'no colon here\n'}})
  assert.is(readProcessProbe(brokenSys).capabilities, null)
  const why = unknownsOf('probes.process', processFields(brokenSys))
  assert.is(why['probes.process.status']?.kind, 'malformed')
  assert.match(why['probes.process.status']!.reason, /\/proc\/self\/status: malformed/)
  const deniedSys = treeSysroot({
    unreadable: {
      '/proc/self/status': {kind: 'denied', detail: 'permission denied (EACCES)'},
      '/proc/self/uid_map': {kind: 'denied', detail: 'permission denied (EACCES)'},
    },
  })
  readProcessProbe(deniedSys)
  assert.equal(processUnknowns(deniedSys), [
    '/proc/self/status: permission denied (EACCES)',
    '/proc/self/uid_map: permission denied (EACCES)',
  ])
})

test('namespace probe: fixed initial inodes say host; others say private, except net and mnt on old kernels', () => {
  const sys = treeSysroot({
    links: {
      '/proc/self/ns/pid': 'pid:[4026531836]',
      '/proc/self/ns/uts': 'uts:[4026532599]',
      '/proc/self/ns/time': 'time:[4026531834]',
      '/proc/self/ns/cgroup': 'cgroup:[4026531835]',
      '/proc/self/ns/ipc': 'ipc:[4026531839]',
      '/proc/self/ns/user': 'user:[4026532700]',
      '/proc/self/ns/net': 'net:[4026531992]',
      '/proc/self/ns/mnt': 'mnt:[4026531832]',
    },
  })
  const init = (t: string) => readNamespace(sys, t).initial
  assert.equal(['pid', 'uts', 'time', 'cgroup', 'ipc', 'user', 'net', 'mnt'].map(init), [
    true,
    false,
    true,
    true,
    true,
    false,
    null,
    true,
  ])
  assert.match(readNamespace(sys, 'net').detail, /fixed inode only on recent kernels: net:\[4026531833\]/)
  const other = treeSysroot({
    links: {
      '/proc/self/ns/mnt': 'mnt:[4026532597]',
      '/proc/self/ns/net': 'net:[4026531833]',
      '/proc/self/ns/pid': 'garbage',
    },
  })
  assert.is(readNamespace(other, 'mnt').initial, null)
  assert.not.match(readNamespace(other, 'mnt').detail, /undefined/)
  assert.is(readNamespace(other, 'net').initial, true)
  assert.equal(
    [readNamespace(other, 'pid').initial, readNamespace(other, 'pid').detail],
    [null, 'unrecognised link garbage'],
  )
  const gone = readNamespace(other, 'time')
  assert.equal([gone.initial, gone.link], [null, null])
  assert.match(gone.detail, /^\/proc\/self\/ns\/time does not exist/)
})

test.run()
