// The USE table (utilization, saturation, errors for CPU, memory, disk I/O, network, PIDs), shared by the
// diagnose screen and watch. Each value says what it measures; a host-wide one says so, so nobody reads the
// host's disk as the container's.
import type {Row, Tone} from '../doc/blocks.js'
import {num, text, warn, type Inline} from '../doc/tokens.js'
import {USE_RESOURCES, type Use, type UseResourceName, type UseValue} from '../diagnose/use.js'

export const USE_LABEL: Record<UseResourceName, string> = {
  cpu: 'CPU',
  memory: 'memory',
  io: 'disk I/O',
  network: 'network',
  pids: 'PIDs',
}

/** "usage / effective cores 95.3%, throttled time 0.3 s/s (host-wide)". Values that do not exist are left out. */
export function useValues(values: UseValue[]): Inline {
  const shown = values.filter((x) => x.value !== null || x.source !== null)
  if (shown.length === 0) return [text(values[0]?.note ?? 'none counted')]
  const out: Inline = []
  shown.forEach((x, i) => {
    if (i > 0) out.push(text('; '))
    out.push(text(`${x.metric} `), num(x.value, x.unit))
    if (x.scope === 'host') out.push(text(' '), warn('host-wide'))
  })
  return out
}

function notes(values: UseValue[]): Inline | undefined {
  const n = values.filter((x) => x.value === null && x.note && x.source !== null).map((x) => `${x.metric}: ${x.note}`)
  return n.length > 0 ? [text(n.join('; '))] : undefined
}

const tone = (values: UseValue[], kind: 'utilization' | 'saturation' | 'errors'): Tone => {
  if (kind === 'errors') return values.some((x) => (x.value ?? 0) > 0) ? 'bad' : 'normal'
  if (kind === 'utilization') return values.some((x) => x.unit === 'ratio' && (x.value ?? 0) >= 0.9) ? 'warn' : 'normal'
  return 'normal'
}

/** Three rows per resource: "CPU utilization", "CPU saturation", "CPU errors". */
export function useRows(use: Use, withNotes = true): Row[] {
  return USE_RESOURCES.flatMap((r) =>
    (['utilization', 'saturation', 'errors'] as const).map((k): Row => ({
      key: `${USE_LABEL[r]} ${k}`,
      value: useValues(use[r][k]),
      ...(withNotes && notes(use[r][k]) ? {note: notes(use[r][k])} : {}),
      tone: tone(use[r][k], k),
    })),
  )
}
