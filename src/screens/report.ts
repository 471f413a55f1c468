// The human `report`: the owns, views and check screens, one after the other.
import type {Doc} from '../doc/blocks.js'
import type {FullReport} from '../report/full.js'
import {checkDoc} from './check.js'
import {ownsDoc} from './owns.js'
import {viewsDoc} from './views.js'

export function reportDoc(r: FullReport): Doc {
  return [
    ...ownsDoc(r),
    ...viewsDoc(r.root, r.views, r.target, false),
    ...checkDoc(r.root, r.findings, r.target, false),
  ]
}
