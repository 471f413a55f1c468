// V8 settings that `serve`, a long-running sidecar, makes for itself when it starts. Only settings that V8
// reads when it uses them, not when the isolate was made, take effect this late (v8.setFlagsFromString:
// "behavior is undefined" for the others, which is why no other setting is made here).
//
// --semi-space-growth-factor=1: the young generation keeps the size it starts with (two semi-spaces of 1 MiB
// on 64-bit Node 20) instead of doubling, up to 16 MiB each, every time the bytes that survived scavenges
// since the last growth exceed its capacity (V8's Heap::ShouldResizeNewSpace / NewSpace::Grow read the flag at
// each growth). serve's work is small and periodic: a collection once a second and up to 50 requests in
// flight, all of which survive a scavenge that lands while they wait, so the survivors add up and the young
// generation doubled every few thousand requests (2 -> 16 MiB committed within 10,000 requests here: 8 to
// 10 MiB of RSS, bench/results/serve.md, "Where the RSS goes"), without a leak behind it. A bigger young
// generation only saves scavenges, which cost about 1 ms here.
//
// What it does not bound (measured, same section): the glibc arenas of V8's concurrent optimising compiler
// (about 5 MiB, only `node --no-concurrent-recompilation` on the command line removes them; V8 makes its
// compiler thread when the isolate starts) and the old generation's garbage between two mark-compacts.
import {setFlagsFromString} from 'node:v8'

export const SERVE_V8_FLAGS = ['--semi-space-growth-factor=1']

export function applyServeV8Settings(): void {
  for (const flag of SERVE_V8_FLAGS) setFlagsFromString(flag)
}
