// cgroup v1 blkio throttling files, Documentation/admin-guide/cgroup-v1/blkio-controller.rst:
//   blkio.throttle.read_bps_device:      "8:16  1048576"            (one device per line; empty = none)
//   blkio.throttle.io_service_bytes:     "8:16 Read 4096" ... "Total 8192"
import {parseLines} from './lines.js'
import {fail, ok, quote, type Parsed} from './result.js'
import {deviceOpValue, isTotalLine} from './scan.js'
import {parseU64} from './u64.js'

export type DeviceValue = {device: string; value: bigint}
export type DeviceOps = {device: string; ops: Map<string, bigint>}

export function parseBlkioLimit(text: string): Parsed<DeviceValue[]> {
  return parseLines(text, (line) => {
    const m = /^(\d+:\d+)\s+(\S+)$/.exec(line)
    if (!m) return fail(`expected "MAJ:MIN VALUE", got ${quote(line)}`)
    const v = parseU64(m[2]!)
    if (!v.ok) return fail(v.reason)
    return ok({device: m[1]!, value: v.value})
  })
}

export function parseBlkioOps(text: string): Parsed<DeviceOps[]> {
  const byDevice = new Map<string, Map<string, bigint>>()
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    // scan.ts's checks, not two expressions: ~14 lines a run, too few to pay for compiling them (scan.ts says
    // why). owns --json, callgrind, run phase (Node 24, no GC): 10.30 to 10.17 M.
    if (line === '' || isTotalLine(line)) continue
    const m = deviceOpValue(line)
    if (!m) return fail(`expected "MAJ:MIN Op VALUE", got ${quote(line)}`)
    const v = parseU64(m[2])
    if (!v.ok) return fail(v.reason)
    const ops = byDevice.get(m[0]) ?? new Map<string, bigint>()
    ops.set(m[1], v.value)
    byDevice.set(m[0], ops)
  }
  return ok([...byDevice].map(([device, ops]) => ({device, ops})))
}
