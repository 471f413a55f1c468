// I/O limits and counters per device. v2: io.max and io.stat (nested keyed, cgroup-v2.rst "IO");
// v1: blkio.throttle.{read,write}_{bps,iops}_device and blkio.throttle.io_service_bytes / io_serviced
// (cgroup-v1/blkio-controller.rst). A device with no line has no limit. Only the own cgroup is read:
// io limits of ancestors apply per device and are listed per level by a later issue if needed.
import {hierarchyFor, type Found} from '../cgroup/discover.js'
import {joinGuest, readParsed} from '../cgroup/read.js'
import {parseBlkioLimit, parseBlkioOps} from '../parse/blkio.js'
import {parseNestedKeyed} from '../parse/nested-keyed.js'
import type {Sysroot} from '../sysroot/sysroot.js'

export type IoLimit = {device: string; readBps: number | null; writeBps: number | null; readIops: number | null; writeIops: number | null}
export type IoStat = {device: string; readBytes: number | null; writeBytes: number | null; readOps: number | null; writeOps: number | null}
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
  if (!h) return {...empty, problems: [d.version === 'v2' ? 'io controller not available' : 'no blkio controller is mounted']}
  if (!h.dir) return {...empty, problems: [h.problem ?? 'io cgroup directory unknown']}
  return h.version === 'v2' ? readV2(sys, h.dir) : readV1(sys, h.dir)
}

const num = (v: bigint | 'max' | number | undefined) => (v === undefined || v === 'max' ? null : Number(v))

function readV2(sys: Sysroot, dir: string): IoOwned {
  const problems: string[] = []
  const max = readParsed(sys, joinGuest(dir, 'io.max'), parseNestedKeyed)
  const st = readParsed(sys, joinGuest(dir, 'io.stat'), parseNestedKeyed)
  for (const g of [max, st]) if (!g.ok && g.missing !== 'absent') problems.push(g.reason)
  return {
    limits: max.ok
      ? max.value.map((e) => ({device: e.device, readBps: num(e.values.get('rbps')), writeBps: num(e.values.get('wbps')), readIops: num(e.values.get('riops')), writeIops: num(e.values.get('wiops'))}))
      : null,
    limitsSource: max.source,
    stat: st.ok
      ? st.value.map((e) => ({device: e.device, readBytes: num(e.values.get('rbytes')), writeBytes: num(e.values.get('wbytes')), readOps: num(e.values.get('rios')), writeOps: num(e.values.get('wios'))}))
      : null,
    statSource: st.source,
    problems,
  }
}

function readV1(sys: Sysroot, dir: string): IoOwned {
  const problems: string[] = []
  const byDevice = new Map<string, IoLimit>()
  const files = [
    ['blkio.throttle.read_bps_device', 'readBps'],
    ['blkio.throttle.write_bps_device', 'writeBps'],
    ['blkio.throttle.read_iops_device', 'readIops'],
    ['blkio.throttle.write_iops_device', 'writeIops'],
  ] as const
  let anyRead = false
  for (const [name, key] of files) {
    const g = readParsed(sys, joinGuest(dir, name), parseBlkioLimit)
    if (!g.ok) {
      if (g.missing !== 'absent') problems.push(g.reason)
      continue
    }
    anyRead = true
    for (const {device, value} of g.value) {
      const e = byDevice.get(device) ?? {device, readBps: null, writeBps: null, readIops: null, writeIops: null}
      e[key] = Number(value)
      byDevice.set(device, e)
    }
  }
  const bytes = readParsed(sys, joinGuest(dir, 'blkio.throttle.io_service_bytes_recursive'), parseBlkioOps)
  const ops = readParsed(sys, joinGuest(dir, 'blkio.throttle.io_serviced_recursive'), parseBlkioOps)
  for (const g of [bytes, ops]) if (!g.ok && g.missing !== 'absent') problems.push(g.reason)
  const stat = new Map<string, IoStat>()
  const put = (device: string, f: Partial<IoStat>) => stat.set(device, {...(stat.get(device) ?? {device, readBytes: null, writeBytes: null, readOps: null, writeOps: null}), ...f})
  if (bytes.ok) for (const e of bytes.value) put(e.device, {readBytes: num(e.ops.get('Read')), writeBytes: num(e.ops.get('Write'))})
  if (ops.ok) for (const e of ops.value) put(e.device, {readOps: num(e.ops.get('Read')), writeOps: num(e.ops.get('Write'))})
  return {
    limits: anyRead ? [...byDevice.values()] : null,
    limitsSource: joinGuest(dir, 'blkio.throttle.*_device'),
    stat: bytes.ok || ops.ok ? [...stat.values()] : null,
    statSource: bytes.source,
    problems,
  }
}
