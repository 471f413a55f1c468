// Number formatting shared by every renderer. Never prints NaN or undefined: non-finite input is "unknown".
import type {Limit} from '../model/limit.js'

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB']

export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return 'unknown'
  let v = n
  let i = 0
  while (Math.abs(v) >= 1024 && i < UNITS.length - 1) {
    v /= 1024
    i++
  }
  return i === 0 ? `${v} B` : `${trim(v, 2)} ${UNITS[i]}`
}

/** Cores are shown unrounded to the millicore: 1.5, 0.333 - never ceil'd like nproc or the JDK. */
export function cores(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return 'unknown'
  const s = trim(n, 3)
  return `${s} ${n === 1 ? 'core' : 'cores'}`
}

export function count(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return 'unknown'
  return String(n)
}

export function seconds(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return 'unknown'
  return `${trim(n, 3)} s`
}

export function percent(part: number, whole: number): string {
  if (!Number.isFinite(part) || !Number.isFinite(whole) || whole <= 0) return 'unknown'
  return `${trim((100 * part) / whole, 1)}%`
}

export function trim(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)))
}

export function cpuList(cpus: number[] | null): string {
  if (cpus === null) return 'unknown'
  if (cpus.length === 0) return 'none'
  const parts: string[] = []
  let start = cpus[0]!
  let prev = start
  for (const c of [...cpus.slice(1), Number.NaN]) {
    if (c === prev + 1) {
      prev = c
      continue
    }
    parts.push(start === prev ? `${start}` : `${start}-${prev}`)
    start = c
    prev = c
  }
  return parts.join(',')
}

export function limit(l: Limit, unit: (n: number) => string): string {
  switch (l.state) {
    case 'limited':
      return unit(l.value)
    case 'unlimited':
      return 'unlimited'
    default:
      return 'unknown'
  }
}
