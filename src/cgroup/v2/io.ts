// cgroup v2 IO, Documentation/admin-guide/cgroup-v2.rst "IO" (nested keyed):
//   io.max   "8:16 rbps=2097152 wbps=max riops=max wiops=120"  per device; "max" is no limit
//   io.stat  "8:16 rbytes=1459200 wbytes=314773504 rios=192 wios=353 dbytes=0 dios=0"
import {parseNestedKeyed, type NestedEntry} from '../../parse/nested-keyed.js'
import {mapField, type Read} from '../../sysroot/outcome.js'
import {joinGuest, readField} from '../../sysroot/read-field.js'
import type {Sysroot} from '../../sysroot/sysroot.js'
import {IO_KEYS, type IoController, type IoKey, type IoLimitLine, type IoStat} from '../controllers.js'
import type {Hierarchy} from '../discover.js'
import {atLeaf, leafFile, Placed} from '../placement.js'

const KEY: Record<IoKey, string> = {readBps: 'rbps', writeBps: 'wbps', readIops: 'riops', writeIops: 'wiops'}
const NOT_ENABLED = 'the root cgroup, or the io controller is not enabled here'

const num = (v: bigint | 'max' | number | undefined) => (v === undefined || v === 'max' ? null : Number(v))

export class V2Io extends Placed implements IoController {
  readonly limitsSource = leafFile(this.at, 'io.max')

  constructor(sys: Sysroot, h: Hierarchy | null) {
    super(sys, h, 'io')
  }

  limitFiles(dir: string): Read<IoLimitLine[]>[] {
    const max = readField(this.sys, joinGuest(dir, 'io.max'), parseNestedKeyed, {absent: NOT_ENABLED})
    return [
      mapField(max, (entries) =>
        entries.flatMap((e) =>
          IO_KEYS.filter((k) => e.values.has(KEY[k])).map((key) => ({
            device: e.device,
            key,
            value: num(e.values.get(KEY[key])),
          })),
        ),
      ),
    ]
  }

  stat(): Read<IoStat[]> {
    return atLeaf(this.at, (leaf) =>
      mapField(readField(this.sys, joinGuest(leaf, 'io.stat'), parseNestedKeyed, {absent: NOT_ENABLED}), (es) =>
        es.map(statOf),
      ),
    )
  }
}

function statOf(e: NestedEntry): IoStat {
  return {
    device: e.device,
    readBytes: num(e.values.get('rbytes')),
    writeBytes: num(e.values.get('wbytes')),
    readOps: num(e.values.get('rios')),
    writeOps: num(e.values.get('wios')),
  }
}
