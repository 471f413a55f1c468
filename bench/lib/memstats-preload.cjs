// Loaded into a server under measurement with `node --require bench/lib/memstats-preload.cjs ...` (never by
// guestview itself, so it costs the shipped server nothing): on SIGUSR2 the process prints one line to
// stderr, "MEMSTATS " and a JSON object of V8's heap spaces (v8.getHeapSpaceStatistics(): space_size, what V8
// has committed for the space, against space_used_size) and process.memoryUsage() (rss, heapTotal,
// heapUsed, external, arrayBuffers). bench/serve-memory.ts reads it beside /proc/PID/smaps.
'use strict'
const v8 = require('node:v8')

// GV_V8_FLAGS: V8 flags to set as serve would set them for itself at start (v8.setFlagsFromString), to try
// them A/B without a build of each.
if (process.env.GV_V8_FLAGS) v8.setFlagsFromString(process.env.GV_V8_FLAGS)

process.on('SIGUSR2', () => {
  const spaces = {}
  for (const s of v8.getHeapSpaceStatistics())
    spaces[s.space_name] = {size: s.space_size, used: s.space_used_size, physical: s.physical_space_size}
  const h = v8.getHeapStatistics()
  const line = JSON.stringify({
    spaces,
    memoryUsage: process.memoryUsage(),
    mallocedMemory: h.malloced_memory,
    peakMallocedMemory: h.peak_malloced_memory,
  })
  process.stderr.write(`MEMSTATS ${line}\n`)
})
