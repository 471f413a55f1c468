// Numbers with their units, as people read them: the one formatter that findings, diagnose, explanations
// and the document renderers share. A leaf module: it imports nothing from the project.
//
// Every function takes `number | null | undefined` and never prints NaN, Infinity or undefined: a value
// that is missing or not finite is "unknown". Cores are never rounded to whole CPUs (1.5, not 2, as nproc
// or the JDK would); bytes use binary units (KiB = 1024 B), as the kernel's cgroup files count them.

export type Num = number | null | undefined

/** The units a value token can carry (their names are part of `explain --json`). */
export type Unit =
  | 'bytes'
  | 'bytesPerSecond'
  | 'cores'
  | 'count'
  | 'seconds'
  | 'secondsPerSecond'
  | 'perSecond'
  | 'percent'
  | 'ratio'
  | 'load'
  | 'plain'

export const UNKNOWN = 'unknown'

const known = (n: Num): n is number => typeof n === 'number' && Number.isFinite(n)

/** At most `digits` decimals, trailing zeros dropped: 1.5, 0.333, 2. */
export function decimal(n: Num, digits = 3): string {
  return known(n) ? String(Number(n.toFixed(digits))) : UNKNOWN
}

const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB']

/** 536870912 -> "512 MiB"; below 1 KiB in whole bytes. */
export function bytes(n: Num): string {
  if (!known(n)) return UNKNOWN
  let v = n
  let i = 0
  while (Math.abs(v) >= 1024 && i < BINARY.length - 1) {
    v /= 1024
    i++
  }
  return i === 0 ? `${v} B` : `${decimal(v, 2)} ${BINARY[i]}`
}

/** A throughput limit or rate: "10 MiB/s". */
export function bytesPerSecond(n: Num): string {
  return known(n) ? `${bytes(n)}/s` : UNKNOWN
}

/** Unrounded to the millicore: "1.5 cores", "1 core", "0.333 cores". */
export function cores(n: Num): string {
  return known(n) ? `${decimal(n, 3)} ${n === 1 ? 'core' : 'cores'}` : UNKNOWN
}

/** Tasks, periods, OOM kills: whole numbers as they are. */
export function count(n: Num): string {
  if (!known(n)) return UNKNOWN
  return Number.isInteger(n) ? String(n) : decimal(n, 3)
}

export function seconds(n: Num): string {
  return known(n) ? `${decimal(n, 3)} s` : UNKNOWN
}

/** CPU-seconds per second of a counter that counts time (throttled time): "0.4 s/s". */
export function secondsPerSecond(n: Num): string {
  return known(n) ? `${decimal(n, 3)} s/s` : UNKNOWN
}

/** An event rate: "8.5/s". */
export function perSecond(n: Num, digits = 1): string {
  return known(n) ? `${decimal(n, digits)}/s` : UNKNOWN
}

/** A long time, in the largest unit that reads well: "2554 s", "2.0 hours", "15.0 days". */
export function duration(s: Num): string {
  if (!known(s)) return UNKNOWN
  if (s >= 86400) return `${(s / 86400).toFixed(1)} days`
  if (s >= 3600) return `${(s / 3600).toFixed(1)} hours`
  return `${Math.round(s)} s`
}

/** A value already in percent: 21.14 -> "21.1%". */
export function percentValue(p: Num): string {
  return known(p) ? `${decimal(p, 1)}%` : UNKNOWN
}

/** A fraction as a percentage: 0.8 -> "80%". */
export function ratio(fraction: Num): string {
  return known(fraction) ? percentValue(100 * fraction) : UNKNOWN
}

/** part of whole as a percentage; unknown when whole is not positive. */
export function percent(part: Num, whole: Num): string {
  return known(part) && known(whole) && whole > 0 ? percentValue((100 * part) / whole) : UNKNOWN
}

/** Load averages, as uptime prints them: "1.71". */
export function load(n: Num): string {
  return known(n) ? n.toFixed(2) : UNKNOWN
}

/** A value in the given unit (what a value token prints). */
export function format(n: Num, unit: Unit): string {
  switch (unit) {
    case 'bytes':
      return bytes(n)
    case 'bytesPerSecond':
      return bytesPerSecond(n)
    case 'cores':
      return cores(n)
    case 'count':
      return count(n)
    case 'seconds':
      return seconds(n)
    case 'secondsPerSecond':
      return secondsPerSecond(n)
    case 'perSecond':
      return perSecond(n)
    case 'percent':
      return percentValue(n)
    case 'ratio':
      return ratio(n)
    case 'load':
      return load(n)
    case 'plain':
      return decimal(n, 3)
  }
}

/**
 * CPU numbers in the kernel's cpulist format (Documentation/admin-guide/cgroup-v2.rst, cpuset.cpus):
 * [0,1,2,3,6] -> "0-3,6". null (not known) -> "unknown"; [] -> "none".
 */
export function cpuList(cpus: readonly number[] | null | undefined): string {
  if (!cpus) return UNKNOWN
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
