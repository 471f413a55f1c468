// parse/scan.ts and the checks written without a regular expression (parse/*.ts, sysroot.ts guestKey and
// capFor, mountinfo's mount point check): each must answer exactly as the expression it stands in for, on
// random text made of the characters that matter to it.
import fc from 'fast-check'
import {posix} from 'node:path'
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {parseCpuList} from '../../src/parse/cpulist.js'
import {parseMountinfoLine} from '../../src/parse/mountinfo.js'
import {parsePsi} from '../../src/parse/psi.js'
import {
  digitsEnd,
  deviceOpValue,
  idMapWords,
  isDecimal,
  isDigitRuns,
  isMajorMinor,
  isOneLetter,
  isTotalLine,
  isDigits,
  isHex16,
  isSignedDigits,
  isSpaceCode,
  loadavgWords,
  nsLinkInode,
  psiWords,
  twoDecimals,
} from '../../src/parse/scan.js'
import {parseS64} from '../../src/parse/u64.js'
import {capFor, guestKey, MOUNTINFO_CAP_BYTES, FILE_CAP_BYTES} from '../../src/sysroot/sysroot.js'

const textOf = (chars: string[], maxLength = 40) =>
  fc.array(fc.constantFrom(...chars), {maxLength}).map((cs) => cs.join(''))
const RUNS = {numRuns: 3000}

test('isSpaceCode is \\s, for every UTF-16 code unit', () => {
  for (let c = 0; c < 0x10000; c++) assert.is(isSpaceCode(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`)
})

test('isDigits and isSignedDigits are /^\\d+$/ and /^-?\\d+$/', () => {
  fc.assert(
    fc.property(textOf(['0', '1', '9', '-', ' ', 'a', '\n', '٣']), (s) => {
      assert.is(isDigits(s), /^\d+$/.test(s), JSON.stringify(s))
      assert.is(isSignedDigits(s), /^-?\d+$/.test(s), JSON.stringify(s))
    }),
    RUNS,
  )
  assert.is(parseS64('-').ok, false)
  assert.is(parseS64('-12').ok, true)
})

const PSI = /^(some|full)\s+avg10=(\d+(?:\.\d+)?)\s+avg60=(\d+(?:\.\d+)?)\s+avg300=(\d+(?:\.\d+)?)\s+total=(\d+)$/

test('psiWords is the PSI line expression', () => {
  const word = fc.constantFrom('some', 'full', 'avg10=', 'avg60=', 'avg300=', 'total=', 'som', 'avg10')
  const num = fc.constantFrom('0', '1.50', '12', '3.', '.5', '1.2.3', '', 'x')
  const gap = fc.constantFrom(' ', '  ', '\t', '', '\u00a0', '\n')
  const line = fc.array(fc.tuple(word, num, gap), {maxLength: 6}).map((ps) => ps.map((p) => p.join('')).join(''))
  const good = fc
    .tuple(fc.constantFrom('some', 'full'), num, num, num, num, gap, gap)
    .map(([k, a, b, c, t, g1, g2]) => `${k}${g1}avg10=${a} avg60=${b}${g2}avg300=${c} total=${t}`)
  fc.assert(
    fc.property(fc.oneof(line, good), (s) => {
      const m = PSI.exec(s)
      const w = psiWords(s)
      assert.equal(w, m ? {kind: m[1], avg10: m[2], avg60: m[3], avg300: m[4], total: m[5]} : null, JSON.stringify(s))
    }),
    RUNS,
  )
  assert.is(parsePsi('some avg10=1.5 avg60=0 avg300=0 total=3\n').ok, true)
})

/** parseCpuList as it was, with its expression: the reference. */
function cpuListByExpression(text: string): ReturnType<typeof parseCpuList> {
  const s = text.trim()
  if (s === '') return {ok: true, value: []}
  const cpus = new Set<number>()
  for (const part of s.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim())
    if (!m) return {ok: false, reason: `bad cpu list element ${JSON.stringify(part)} in ${JSON.stringify(s)}`}
    const lo = Number(m[1])
    const hi = m[2] === undefined ? lo : Number(m[2])
    if (hi < lo) return {ok: false, reason: `descending range ${JSON.stringify(part)}`}
    if (hi >= 1 << 16) return {ok: false, reason: `cpu number out of range in ${JSON.stringify(part)}`}
    for (let c = lo; c <= hi; c++) cpus.add(c)
  }
  return {ok: true, value: [...cpus].sort((a, b) => a - b)}
}

test('parseCpuList reads a list as its expression did', () => {
  fc.assert(
    fc.property(textOf(['0', '1', '7', '-', ',', ' ', 'a', '.'], 12), (s) =>
      assert.equal(parseCpuList(s), cpuListByExpression(s), JSON.stringify(s)),
    ),
    RUNS,
  )
  assert.equal(parseCpuList('0-2,5'), {ok: true, value: [0, 1, 2, 5]})
})

const NORMAL_PATH = /^(?:\/(?!\.\.?(?:\/|$))[^/]+)+$/

test('guestKey keeps a path as it is exactly where the normal-path expression held', () => {
  fc.assert(
    fc.property(textOf(['/', '.', 'a', 'proc', '..', ' '], 10), (s) => {
      const want = NORMAL_PATH.test(s) ? s : posix.normalize('/' + s)
      assert.is(guestKey(s), want, JSON.stringify(s))
    }),
    RUNS,
  )
})

test('capFor gives the mountinfo cap to /proc/(self|N|thread-self)/mountinfo only', () => {
  const own = /^\/proc\/(self|\d+|thread-self)\/mountinfo$/
  const parts = fc.constantFrom('/proc', '/', 'self', 'thread-self', '12', '/mountinfo', 'x', '/proc/')
  fc.assert(
    fc.property(
      fc.array(parts, {maxLength: 5}).map((ps) => ps.join('')),
      (s) => assert.is(capFor(s), own.test(s) ? MOUNTINFO_CAP_BYTES : FILE_CAP_BYTES, JSON.stringify(s)),
    ),
    RUNS,
  )
})

test('a mount point with a "." or ".." segment is refused, any other absolute one kept', () => {
  const clean = (p: string) =>
    p.startsWith('/') && !p.includes('\0') && p.split('/').every((seg) => seg !== '.' && seg !== '..')
  fc.assert(
    fc.property(textOf(['/', '.', 'a', '..', '...', '.a'], 8), (p) => {
      if (p.includes(' ') || p === '') return
      const r = parseMountinfoLine(`36 35 98:0 / ${p} rw - ext4 /dev/root rw`)
      assert.is(r.ok, clean(p), JSON.stringify(p))
    }),
    RUNS,
  )
})

test('the small /proc lines: uptime, loadavg, id maps, NSpid, capability masks, namespace links', () => {
  const groups = (m: RegExpExecArray | null) => (m ? m.slice(1) : null)
  const digits = ['0', '1', '9', '12', '123456789', '12345678901']
  const cases: [string[], (s: string) => unknown, (s: string) => unknown][] = [
    [
      [...digits, '.', ' ', '\t', '/', '.5', 'x'],
      twoDecimals,
      (s) => groups(/^(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)$/.exec(s)),
    ],
    [
      [...digits, '.', ' ', '/', '  ', '0.20', 'x'],
      loadavgWords,
      (s) => groups(/^(\d+\.\d+) (\d+\.\d+) (\d+\.\d+) (\d+)\/(\d+) (\d+)$/.exec(s)),
    ],
    [
      [...digits, ' ', '\t', '\u3000', 'x'],
      idMapWords,
      (s) => groups(/^(\d{1,10})\s+(\d{1,10})\s+(\d{1,10})$/.exec(s)),
    ],
    [[...digits, ' ', '\t', '\n', 'x'], isDigitRuns, (s) => /^\d+(\s+\d+)*$/.test(s)],
    [[...digits, '.', '.5', ' ', 'x'], isDecimal, (s) => /^\d+(\.\d+)?$/.test(s)],
    [[...digits, ':', '8:16', ' ', 'x'], isMajorMinor, (s) => /^\d+:\d+$/.test(s)],
    [['a', 'Z', 'R', '@', '[', '`', '{', 'É', ' ', 'ab'], isOneLetter, (s) => /^[A-Za-z]$/.test(s)],
    [[...digits, 'Total', 'Tota', ' ', '\t', '\u00a0', 'x'], isTotalLine, (s) => /^Total\s+\d+$/.test(s)],
    [
      [...digits, '8:16', '8:16 Read ', ':', ' ', '\t', 'Read', 'A_z', '-', '@', '[', '`', '{', 'É', '\u2028'],
      deviceOpValue,
      (s) => groups(/^(\d+:\d+)\s+(\w+)\s+(\S+)$/.exec(s)),
    ],
    [[...digits, ' ', 'x'], (s) => digitsEnd(s, 0) > 0, (s) => /^\d+/.test(s)],
    [
      ['0', '9', 'a', 'f', 'A', 'F', 'g', 'G', '@', '`', 'É', 'ff', '0123456789'],
      isHex16,
      (s) => /^[0-9a-fA-F]{1,16}$/.test(s),
    ],
    [
      ['cgroup', 'net', '_', 'A', ':', '[', ']', ':[', '4026531835', ' '],
      nsLinkInode,
      (s) => /^[a-z_]+:\[(\d+)\]$/.exec(s)?.[1] ?? null,
    ],
  ]
  for (const [chars, mine, byExpression] of cases)
    fc.assert(
      fc.property(textOf(chars, 14), (s) => assert.equal(mine(s), byExpression(s), JSON.stringify(s))),
      RUNS,
    )
  assert.equal(loadavgWords('0.20 0.18 0.12 1/80 11206'), ['0.20', '0.18', '0.12', '1', '80', '11206'])
  assert.is(nsLinkInode('cgroup:[4026531835]'), '4026531835')
})

test.run()
