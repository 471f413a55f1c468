import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {tableTests} from '../helpers/table.js'
import {
  parseMountinfo,
  parseMountinfoLine,
  unescapeOctal,
  visibleMounts,
  type Mount,
} from '../../src/parse/mountinfo.js'

type Case<T> = {name: string; input: string} & ({want: T} | {error: RegExp})

const lineCases: Case<Mount>[] = [
  {
    name: 'line: optional fields shared:1 master:2',
    input: '36 35 98:0 /mnt1 /mnt2 rw,noatime shared:1 master:2 - ext3 /dev/root rw,errors=continue',
    want: {
      id: 36,
      parentId: 35,
      device: '98:0',
      root: '/mnt1',
      mountPoint: '/mnt2',
      options: ['rw', 'noatime'],
      optionalFields: ['shared:1', 'master:2'],
      fsType: 'ext3',
      source: '/dev/root',
      superOptions: ['rw', 'errors=continue'],
    },
  },
  {
    name: 'line: no optional fields',
    input: '22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw',
    want: {
      id: 22,
      parentId: 1,
      device: '8:1',
      root: '/',
      mountPoint: '/',
      options: ['rw', 'relatime'],
      optionalFields: [],
      fsType: 'ext4',
      source: '/dev/sda1',
      superOptions: ['rw'],
    },
  },
  {
    name: 'line: \\040 escapes in root and mount point',
    input: String.raw`40 22 8:1 /srv/my\040data /mnt/my\040data rw - ext4 /dev/sda1 rw`,
    want: {
      id: 40,
      parentId: 22,
      device: '8:1',
      root: '/srv/my data',
      mountPoint: '/mnt/my data',
      options: ['rw'],
      optionalFields: [],
      fsType: 'ext4',
      source: '/dev/sda1',
      superOptions: ['rw'],
    },
  },
  {
    name: 'line: tab, newline and backslash escapes, and an escaped source',
    input: String.raw`41 22 8:1 /a\011b\012c\134d /mnt/x rw - ext4 /dev/disk\040one rw`,
    want: {
      id: 41,
      parentId: 22,
      device: '8:1',
      root: '/a\tb\nc\\d',
      mountPoint: '/mnt/x',
      options: ['rw'],
      optionalFields: [],
      fsType: 'ext4',
      source: '/dev/disk one',
      superOptions: ['rw'],
    },
  },
  {
    name: 'line: escaped backslash followed by digits is not unescaped twice',
    input: String.raw`42 22 8:1 / /mnt/a\134040b rw - ext4 /dev/sda1 rw`,
    want: {
      id: 42,
      parentId: 22,
      device: '8:1',
      root: '/',
      mountPoint: String.raw`/mnt/a\040b`,
      options: ['rw'],
      optionalFields: [],
      fsType: 'ext4',
      source: '/dev/sda1',
      superOptions: ['rw'],
    },
  },
  {
    name: 'line: cgroup v1 with controllers in super options (rw,cpu,cpuacct)',
    input:
      '33 25 0:28 /docker/0123abcd /sys/fs/cgroup/cpu,cpuacct ro,nosuid,nodev,noexec,relatime master:12 - cgroup cgroup rw,cpu,cpuacct',
    want: {
      id: 33,
      parentId: 25,
      device: '0:28',
      root: '/docker/0123abcd',
      mountPoint: '/sys/fs/cgroup/cpu,cpuacct',
      options: ['ro', 'nosuid', 'nodev', 'noexec', 'relatime'],
      optionalFields: ['master:12'],
      fsType: 'cgroup',
      source: 'cgroup',
      superOptions: ['rw', 'cpu', 'cpuacct'],
    },
  },
  {
    name: 'line: cgroup v1 named hierarchy (name=systemd)',
    input:
      '34 25 0:29 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:9 - cgroup cgroup rw,xattr,name=systemd',
    want: {
      id: 34,
      parentId: 25,
      device: '0:29',
      root: '/',
      mountPoint: '/sys/fs/cgroup/systemd',
      options: ['rw', 'nosuid', 'nodev', 'noexec', 'relatime'],
      optionalFields: ['shared:9'],
      fsType: 'cgroup',
      source: 'cgroup',
      superOptions: ['rw', 'xattr', 'name=systemd'],
    },
  },
  {
    name: 'line: cgroup2',
    input:
      '30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot',
    want: {
      id: 30,
      parentId: 23,
      device: '0:26',
      root: '/',
      mountPoint: '/sys/fs/cgroup',
      options: ['rw', 'nosuid', 'nodev', 'noexec', 'relatime'],
      optionalFields: ['shared:4'],
      fsType: 'cgroup2',
      source: 'cgroup2',
      superOptions: ['rw', 'nsdelegate', 'memory_recursiveprot'],
    },
  },
  {
    name: 'line: cgroup2 mounted above the namespace root (/..)',
    input: '1083 1076 0:26 /.. /sys/fs/cgroup ro,nosuid,nodev,noexec,relatime - cgroup2 cgroup rw\n',
    want: {
      id: 1083,
      parentId: 1076,
      device: '0:26',
      root: '/..',
      mountPoint: '/sys/fs/cgroup',
      options: ['ro', 'nosuid', 'nodev', 'noexec', 'relatime'],
      optionalFields: [],
      fsType: 'cgroup2',
      source: 'cgroup',
      superOptions: ['rw'],
    },
  },
  {
    name: 'line: missing "-" separator',
    input: '36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 ext3 /dev/root rw',
    error: /malformed mountinfo line/,
  },
  {name: 'line: too few fields', input: '36 35 98:0 / /', error: /malformed mountinfo line/},
  {
    name: 'line: "-" where the per-mount options belong',
    input: '36 35 98:0 / / - ext4 /dev/sda1 rw x',
    error: /malformed mountinfo line/,
  },
  {
    name: 'line: fs type but no source after "-"',
    input: '36 35 98:0 /mnt1 /mnt2 rw shared:1 master:2 - ext3',
    error: /malformed mountinfo line/,
  },
  {name: 'line: empty', input: '', error: /malformed mountinfo line/},
  {name: 'line: non-numeric mount id', input: 'x 35 98:0 / / rw - ext4 /dev/sda1 rw', error: /bad mount ids/},
  {
    name: 'line: mount id in exponent notation',
    input: '1e3 35 98:0 / / rw - ext4 /dev/sda1 rw',
    error: /bad mount ids/,
  },
  {name: 'line: hex parent id', input: '36 0x23 98:0 / / rw - ext4 /dev/sda1 rw', error: /bad mount ids/},
  {name: 'line: negative parent id', input: '36 -1 98:0 / / rw - ext4 /dev/sda1 rw', error: /bad mount ids/},
  {name: 'line: bad major:minor', input: '36 35 sda / / rw - ext4 /dev/sda1 rw', error: /bad major:minor/},
  {name: 'line: error quotes the input', input: '36 35 98:0 / /', error: /"36 35 98:0 \/ \/"/},
]

tableTests(test, lineCases, parseMountinfoLine)

const unescapeCases: {name: string; input: string; want: string}[] = [
  {name: 'unescape: space', input: String.raw`a\040b`, want: 'a b'},
  {name: 'unescape: nothing to do', input: '/sys/fs/cgroup', want: '/sys/fs/cgroup'},
  {name: 'unescape: lone backslash is kept', input: String.raw`a\b\04`, want: String.raw`a\b\04`},
  {name: 'unescape: non-octal digits are kept', input: String.raw`a\089`, want: String.raw`a\089`},
]

for (const c of unescapeCases) {
  test(c.name, () => assert.is(unescapeOctal(c.input), c.want))
}

const CG2 = '30 23 0:26 / /sys/fs/cgroup rw,nosuid shared:4 - cgroup2 cgroup2 rw'
const PROC = '40 23 0:5 / /proc rw,nosuid - proc proc rw'
const CG2_REMOUNT = '50 30 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw'
const CPU_V1 = '33 25 0:28 / /sys/fs/cgroup/cpu,cpuacct rw master:12 - cgroup cgroup rw,cpu,cpuacct'

const fileCases: Case<number[]>[] = [
  {name: 'file: several lines, in order', input: `${CG2}\n${PROC}\n${CPU_V1}\n`, want: [30, 40, 33]},
  {name: 'file: blank lines are skipped', input: `\n${CG2}\n\n${PROC}\n\n`, want: [30, 40]},
  {name: 'file: CRLF line ends', input: `${CG2}\r\n${PROC}\r\n`, want: [30, 40]},
  {name: 'file: empty', input: '', error: /empty mountinfo/},
  {name: 'file: blank lines only', input: '\n \n\n', error: /empty mountinfo/},
  {
    name: 'file: one bad line fails the whole file, with its line number',
    input: `${CG2}\n36 35 98:0 / /\n${PROC}`,
    error: /^line 2: malformed mountinfo line/,
  },
]

tableTests(test, fileCases, parseMountinfo, (v) => v.map((m) => m.id))

const visibleCases: {name: string; lines: string[]; want: number[]}[] = [
  {name: 'visible: distinct mount points are all visible', lines: [CG2, PROC, CPU_V1], want: [30, 40, 33]},
  {name: 'visible: the last mount listed at a mount point wins', lines: [CG2, PROC, CG2_REMOUNT], want: [40, 50]},
  {
    name: 'visible: three mounts stacked at one point, only the last is visible',
    lines: [CG2, CG2_REMOUNT, '60 50 0:26 /.. /sys/fs/cgroup ro - cgroup2 cgroup2 rw', PROC],
    want: [60, 40],
  },
  {name: 'visible: a single mount', lines: [PROC], want: [40]},
  {name: 'visible: no mounts', lines: [], want: []},
]

for (const c of visibleCases) {
  test(c.name, () => {
    const mounts: Mount[] = []
    for (const l of c.lines) {
      const m = parseMountinfoLine(l)
      if (!m.ok) assert.unreachable(`fixture line does not parse: ${m.reason}`)
      else mounts.push(m.value)
    }
    assert.equal(
      visibleMounts(mounts).map((m) => m.id),
      c.want,
    )
  })
}

test('a table parsed before is kept by its text: the same frozen result, and its visible mounts kept with it', () => {
  const text = [CG2, PROC, CPU_V1].join('\n') + '\n'
  const a = parseMountinfo(text)
  // Another string with the same text (a new read of an unchanged file) gets the same object back.
  const b = parseMountinfo(text.split('\n').join('\n'))
  assert.ok(a.ok && b.ok)
  assert.is(a, b)
  assert.ok(Object.isFrozen(a.value) && Object.isFrozen(a.value[0]) && Object.isFrozen(a.value[0]!.superOptions))
  assert.throws(() => (a.value as Mount[]).push(a.value[0]!), 'no reader can change what the next one gets')
  assert.is(visibleMounts(a.value), visibleMounts(a.value))
  assert.ok(Object.isFrozen(visibleMounts(a.value)))
  const c = parseMountinfo([CG2, PROC].join('\n'))
  assert.ok(c.ok)
  assert.is.not(c, a)
  assert.equal(
    c.value.map((m) => m.id),
    [30, 40],
  )
  // Errors are kept too, and stay errors.
  assert.is(parseMountinfo('garbage').ok, false)
  assert.is(parseMountinfo('garbage'), parseMountinfo('garbage'))
})

test.run()
