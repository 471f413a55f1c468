// I/O limits and counters per device. v2: io.max and io.stat (nested keyed, cgroup-v2.rst "IO");
// v1: blkio.throttle.{read,write}_{bps,iops}_device and blkio.throttle.io_service_bytes / io_serviced
// (cgroup-v1/blkio-controller.rst). A device with no line has no limit at that level. Limits apply at
// every level of the hierarchy, so each device's bps/iops is the tightest over the visible ancestors, and
// `sources` names the files that set them. Counters (io.stat) are the own cgroup's.
import {ancestorDirs, hierarchyFor, noHierarchyReason, type Found} from '../cgroup/discover.js'
import {joinGuest, readParsed} from '../cgroup/read.js'
import {parseBlkioLimit, parseBlkioOps} from '../parse/blkio.js'
import {parseNestedKeyed} from '../parse/nested-keyed.js'
import type {Sysroot} from '../sysroot/sysroot.js'

const KEYS = ['readBps', 'writeBps', 'readIops', 'writeIops'] as const
type Key = (typeof KEYS)[number]

export type IoLimit = {device: string; sources: string[]} & Record<Key, number | null>
export type IoStat = {
  device: string
  readBytes: number | null
  writeBytes: number | null
  readOps: number | null
  writeOps: number | null
}
export type IoOwned = {
  limits: IoLimit[] | null
  limitsSource: string | null
  stat: IoStat[] | null
  statSource: string | null
  problems: string[]
}

export function readIo(sys: Sysroot, d: Found): IoOwned {
  const h = hierarchyFor(d, d.version === 'v2' ? 'io' : 'blkio')
  const empty: IoOwned = {limits: null, limitsSource: null, stat: null, statSource: null, problems: []}
  if (!h)
    return {...empty, problems: [d.version === 'v2' ? 'io controller not available' : noHierarchyReason(d, 'blkio')]}
  if (!h.dir) return {...empty, problems: [h.problem ?? 'io cgroup directory unknown']}
  const dirs = ancestorDirs(h)
  return h.version === 'v2' ? readV2(sys, dirs) : readV1(sys, dirs)
}

const num = (v: bigint | 'max' | number | undefined) => (v === undefined || v === 'max' ? null : Number(v))

/** Per device and key, the smallest limit seen so far (leaf first, so a tie keeps the leaf's file). */
class Tightest {
  private readonly byDevice = new Map<string, IoLimit>()
  put(device: string, key: Key, value: number | null, source: string): void {
    const e = this.byDevice.get(device) ?? {
      device,
      sources: [],
      readBps: null,
      writeBps: null,
      readIops: null,
      writeIops: null,
    }
    this.byDevice.set(device, e)
    if (value === null) return
    const current = e[key]
    if (current === null || value < current) {
      e[key] = value
      if (!e.sources.includes(source)) e.sources.push(source)
    }
  }
  /** Devices that have at least one limit ("max" everywhere is no limit). */
  limits(): IoLimit[] {
    return [...this.byDevice.values()].filter((e) => KEYS.some((k) => e[k] !== null))
  }
}

const V2_KEYS: Record<Key, string> = {readBps: 'rbps', writeBps: 'wbps', readIops: 'riops', writeIops: 'wiops'}

function readV2(sys: Sysroot, dirs: string[]): IoOwned {
  const problems: string[] = []
  const tight = new Tightest()
  let anyRead = false
  for (const dir of dirs) {
    const max = readParsed(sys, joinGuest(dir, 'io.max'), parseNestedKeyed)
    if (!max.ok) {
      if (max.missing !== 'absent') problems.push(max.reason)
      continue
    }
    anyRead = true
    for (const e of max.value) for (const k of KEYS) tight.put(e.device, k, num(e.values.get(V2_KEYS[k])), max.source)
  }
  const leaf = dirs[0]!
  const st = readParsed(sys, joinGuest(leaf, 'io.stat'), parseNestedKeyed)
  if (!st.ok && st.missing !== 'absent') problems.push(st.reason)
  return {
    limits: anyRead ? tight.limits() : null,
    limitsSource: joinGuest(leaf, 'io.max'),
    stat: st.ok
      ? st.value.map((e) => ({
          device: e.device,
          readBytes: num(e.values.get('rbytes')),
          writeBytes: num(e.values.get('wbytes')),
          readOps: num(e.values.get('rios')),
          writeOps: num(e.values.get('wios')),
        }))
      : null,
    statSource: st.source,
    problems,
  }
}

const V1_FILES: [string, Key][] = [
  ['blkio.throttle.read_bps_device', 'readBps'],
  ['blkio.throttle.write_bps_device', 'writeBps'],
  ['blkio.throttle.read_iops_device', 'readIops'],
  ['blkio.throttle.write_iops_device', 'writeIops'],
]

function readV1(sys: Sysroot, dirs: string[]): IoOwned {
  const problems: string[] = []
  const tight = new Tightest()
  let anyRead = false
  for (const dir of dirs) {
    for (const [name, key] of V1_FILES) {
      const g = readParsed(sys, joinGuest(dir, name), parseBlkioLimit)
      if (!g.ok) {
        if (g.missing !== 'absent') problems.push(g.reason)
        continue
      }
      anyRead = true
      for (const {device, value} of g.value) tight.put(device, key, Number(value), g.source)
    }
  }
  const leaf = dirs[0]!
  const bytes = readParsed(sys, joinGuest(leaf, 'blkio.throttle.io_service_bytes_recursive'), parseBlkioOps)
  const ops = readParsed(sys, joinGuest(leaf, 'blkio.throttle.io_serviced_recursive'), parseBlkioOps)
  for (const g of [bytes, ops]) if (!g.ok && g.missing !== 'absent') problems.push(g.reason)
  const stat = new Map<string, IoStat>()
  const put = (device: string, f: Partial<IoStat>) =>
    stat.set(device, {
      ...(stat.get(device) ?? {device, readBytes: null, writeBytes: null, readOps: null, writeOps: null}),
      ...f,
    })
  if (bytes.ok)
    for (const e of bytes.value) put(e.device, {readBytes: num(e.ops.get('Read')), writeBytes: num(e.ops.get('Write'))})
  if (ops.ok)
    for (const e of ops.value) put(e.device, {readOps: num(e.ops.get('Read')), writeOps: num(e.ops.get('Write'))})
  return {
    limits: anyRead ? tight.limits() : null,
    limitsSource: joinGuest(leaf, 'blkio.throttle.*_device'),
    stat: bytes.ok || ops.ok ? [...stat.values()] : null,
    statSource: bytes.source,
    problems,
  }
}
