// The memory table of bench/serve-memory.ts and bench/watch-memory.ts: one column per sample (after N requests,
// after N frames), one row per figure, and each row's last value over its first.

/** What bench/lib/memstats-preload.cjs prints, in bytes. */
export type MemStats = {
  spaces: Record<string, {size: number; used: number; physical: number}>
  memoryUsage: Record<string, number>
  mallocedMemory: number
  peakMallocedMemory: number
}

/** One sample of a process: VmRSS and smaps by kind (kB), glibc's thread arenas, and V8's own figures. */
export type MemorySample = {rssKb: number; smaps: Record<string, number>; arenas: number; v8: MemStats}

/** The table's header (`columns`: what each sample is after) and rows, in MiB, as Markdown lines. */
export function memoryTable(samples: MemorySample[], columns: string[]): string[] {
  const lines = [`| | ${columns.join(' | ')} | last / first |`, `| --- |${samples.map(() => ' --- |').join('')} --- |`]
  const mib = (kb: number) => (kb / 1024).toFixed(1)
  const row = (label: string, kbs: number[]) =>
    lines.push(`| ${label} | ${kbs.map(mib).join(' | ')} | ${(kbs.at(-1)! / kbs[0]!).toFixed(2)}x |`)
  row(
    'VmRSS',
    samples.map((x) => x.rssKb),
  )
  for (const kind of [...new Set(samples.flatMap((x) => Object.keys(x.smaps)))].sort())
    row(
      `smaps: ${kind}`,
      samples.map((x) => x.smaps[kind] ?? 0),
    )
  lines.push(`| glibc thread arenas (count) | ${samples.map((x) => x.arenas).join(' | ')} | |`)
  for (const sp of Object.keys(samples[0]!.v8.spaces)) {
    const space = (x: MemorySample) => x.v8.spaces[sp]!
    lines.push(
      `| V8 ${sp}: committed (used) | ${samples.map((x) => `${mib(space(x).size / 1024)} (${mib(space(x).used / 1024)})`).join(' | ')} | ` +
        `${(space(samples.at(-1)!).size / Math.max(1, space(samples[0]!).size)).toFixed(2)}x |`,
    )
  }
  for (const k of ['heapTotal', 'heapUsed', 'external', 'arrayBuffers'])
    row(
      `memoryUsage().${k}`,
      samples.map((x) => x.v8.memoryUsage[k]! / 1024),
    )
  row(
    'V8 malloced memory',
    samples.map((x) => x.v8.mallocedMemory / 1024),
  )
  return lines
}
