// The full report that `capture` records and `report --json` prints. Today it is the owns object; the
// views and findings issues extend it here, so capture always copies everything every command reads.
import type {Sysroot} from '../sysroot/sysroot.js'
import {buildOwns, type OwnsReport} from './owns.js'

export type FullReport = OwnsReport

export function buildFull(sys: Sysroot): FullReport {
  return buildOwns(sys)
}
