// Structural checks that hold for any report, whatever the fixture: no non-finite number or undefined
// anywhere, no BigInt, and every Limit ({state, value, source}) honest: a limited Limit has a finite number,
// unlimited and unknown have value null, and unknown says why.

export function invariantProblems(value: unknown): string[] {
  const out: string[] = []
  walk(value, '$', out)
  return out
}

function isLimit(o: Record<string, unknown>): boolean {
  return (
    'state' in o && 'value' in o && 'source' in o && ['limited', 'unlimited', 'unknown'].includes(o.state as string)
  )
}

function walk(v: unknown, path: string, out: string[]): void {
  if (v === undefined) {
    out.push(`${path}: undefined`)
    return
  }
  if (typeof v === 'bigint') {
    out.push(`${path}: a BigInt (${v})`)
    return
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) out.push(`${path}: ${v}`)
    return
  }
  if (v === null || typeof v !== 'object') return
  if (Array.isArray(v)) {
    v.forEach((x, i) => walk(x, `${path}[${i}]`, out))
    return
  }
  const o = v as Record<string, unknown>
  if (isLimit(o)) {
    if (o.state === 'limited' && (typeof o.value !== 'number' || !Number.isFinite(o.value)))
      out.push(`${path}: limited with value ${String(o.value)}`)
    if (o.state === 'limited' && (typeof o.source !== 'string' || o.source === ''))
      out.push(`${path}: limited without a source`)
    if (o.state === 'unlimited' && o.value !== null) out.push(`${path}: unlimited with value ${String(o.value)}`)
    if (o.state === 'unlimited' && (typeof o.source !== 'string' || o.source === ''))
      out.push(`${path}: unlimited without a source`)
    if (o.state === 'unknown') {
      if (o.value !== null) out.push(`${path}: unknown with value ${String(o.value)}`)
      if (typeof o.reason !== 'string' || o.reason.trim() === '') out.push(`${path}: unknown without a reason`)
    }
  }
  for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`, out)
}
