// cgroup v1 blkio, Documentation/admin-guide/cgroup-v1/blkio-controller.rst:
//   blkio.throttle.{read,write}_{bps,iops}_device   "8:16  1048576" per limited device (empty: none)
//   blkio.throttle.io_service_bytes_recursive        "8:16 Read 4096" ... bytes, this cgroup and below
//   blkio.throttle.io_serviced_recursive             the same, in operations
import {parseBlkioLimit, parseBlkioOps, type DeviceOps} from '../../parse/blkio.js'
import {mapField, value, type Read} from '../../sysroot/outcome.js'
import {joinGuest, noteProblems, readField} from '../../sysroot/read-field.js'
import type {Sysroot} from '../../sysroot/sysroot.js'
import type {IoController, IoKey, IoLimitLine, IoStat} from '../controllers.js'
import type {Hierarchy} from '../discover.js'
import {leafFile, Placed} from '../placement.js'

const FILES: [string, IoKey][] = [
  ['blkio.throttle.read_bps_device', 'readBps'],
  ['blkio.throttle.write_bps_device', 'writeBps'],
  ['blkio.throttle.read_iops_device', 'readIops'],
  ['blkio.throttle.write_iops_device', 'writeIops'],
]

export class V1Io extends Placed implements IoController {
  readonly limitsSource = leafFile(this.at, 'blkio.throttle.*_device')

  constructor(sys: Sysroot, h: Hierarchy | null) {
    super(sys, h, 'blkio')
  }

  limitFiles(dir: string): Read<IoLimitLine[]>[] {
    return FILES.map(([name, key]) =>
      mapField(readField(this.sys, joinGuest(dir, name), parseBlkioLimit), (lines) =>
        lines.map(({device, value}) => ({device, key, value: Number(value)})),
      ),
    )
  }

  /** Bytes and operations come from two files; what one of them gives is kept if the other fails. */
  stat(): Read<IoStat[]> {
    const leaf = this.at.leaf
    if (leaf === null) return this.at.unplaced
    const bytes = readField(this.sys, joinGuest(leaf, 'blkio.throttle.io_service_bytes_recursive'), parseBlkioOps)
    const ops = readField(this.sys, joinGuest(leaf, 'blkio.throttle.io_serviced_recursive'), parseBlkioOps)
    if (bytes.kind !== 'value' && ops.kind !== 'value') return bytes
    // One file of two: its half of every device's counts is null, and debug.problems says why (its kind).
    for (const [f, what] of [
      [bytes, 'bytes'],
      [ops, 'operations'],
    ] as const)
      if (f.kind !== 'value' && f.path !== null)
        noteProblems(this.sys, f.path, [{key: null, reason: `${f.kind}: the ${what} read and written are unknown`}])
    const stat = new Map<string, IoStat>()
    const put = (device: string, f: Partial<IoStat>) =>
      stat.set(device, {
        ...(stat.get(device) ?? {device, readBytes: null, writeBytes: null, readOps: null, writeOps: null}),
        ...f,
      })
    const n = (e: DeviceOps, op: string) => {
      const v = e.ops.get(op)
      return v === undefined ? null : Number(v)
    }
    if (bytes.kind === 'value')
      for (const e of bytes.value) put(e.device, {readBytes: n(e, 'Read'), writeBytes: n(e, 'Write')})
    if (ops.kind === 'value') for (const e of ops.value) put(e.device, {readOps: n(e, 'Read'), writeOps: n(e, 'Write')})
    return value([...stat.values()], bytes.path ?? joinGuest(leaf, 'blkio.throttle.io_service_bytes_recursive'))
  }
}
