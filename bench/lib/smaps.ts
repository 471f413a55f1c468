// A process's resident memory by what holds it, from /proc/PID/smaps (proc(5)): each mapping's Rss, summed
// by kind. The kinds, and how a mapping is told to be one:
//  - "[heap]": glibc's main arena (malloc from the main thread, and from any thread when it is the only one);
//  - "glibc thread arenas": anonymous mappings inside a 64 MiB-aligned 64 MiB reservation (HEAP_MAX_SIZE
//    on 64-bit glibc, malloc/arena.c), a rw-p part followed by its ---p rest: the arenas of V8's worker
//    threads (GC, compiler) and libuv's pool;
//  - "thread stacks": an anonymous rw-p mapping right after a ---p guard of one page, 8 MiB with it
//    (pthread's default stack; /proc/PID/task/TID/stat could name each, not needed here);
//  - "anonymous, executable": JIT code (V8's code space);
//  - "other anonymous": V8's heap pages (256 KiB pages, mmap'd one by one or in reservations) and large
//    malloc chunks (mmap'd above M_MMAP_THRESHOLD);
//  - "file-backed": the node binary, shared libraries and anything mmap'd from a file;
//  - "[stack]" and the rest ([vdso], [vvar]...).
import {readFileSync} from 'node:fs'

type Mapping = {start: bigint; end: bigint; perms: string; path: string; rssKb: number; anonKb: number}

function mappings(pid: number): Mapping[] {
  const out: Mapping[] = []
  let cur: Mapping | null = null
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line)
    if (head) {
      cur = {
        start: BigInt('0x' + head[1]),
        end: BigInt('0x' + head[2]),
        perms: head[3]!,
        path: head[4]!,
        rssKb: 0,
        anonKb: 0,
      }
      out.push(cur)
      continue
    }
    const field = /^(Rss|Anonymous):\s+(\d+) kB/.exec(line)
    if (field && cur) {
      if (field[1] === 'Rss') cur.rssKb = Number(field[2])
      else cur.anonKb = Number(field[2])
    }
  }
  return out
}

const ARENA = 64n << 20n

export type SmapsByKind = Record<string, number>

/** Resident kB by kind (see the top of this file), and the number of glibc thread arenas. */
export function smapsByKind(pid: number): {kb: SmapsByKind; threadArenas: number} {
  const maps = mappings(pid)
  const kb: SmapsByKind = {}
  const add = (k: string, n: number) => (kb[k] = (kb[k] ?? 0) + n)
  // Arena reservations: an aligned start whose mapping(s) up to start+64 MiB are contiguous and anonymous.
  const arenaStarts = new Set<bigint>()
  for (let i = 0; i < maps.length; i++) {
    const m = maps[i]!
    if (m.path !== '' || m.start % ARENA !== 0n || !m.perms.startsWith('rw')) continue
    let end = m.end
    for (let j = i + 1; j < maps.length && end < m.start + ARENA && maps[j]!.start === end && maps[j]!.path === ''; j++)
      end = maps[j]!.end
    if (end === m.start + ARENA && m.end - m.start < ARENA) arenaStarts.add(m.start)
  }
  for (let i = 0; i < maps.length; i++) {
    const m = maps[i]!
    const prev = maps[i - 1]
    if (m.path === '[heap]') add('[heap] (glibc main arena)', m.rssKb)
    else if (m.path === '[stack]') add('[stack]', m.rssKb)
    else if (m.path.startsWith('/')) add('file-backed', m.rssKb)
    else if (m.path !== '') add('other', m.rssKb)
    else if (arenaStarts.has(m.start - (m.start % ARENA))) add('glibc thread arenas', m.rssKb)
    else if (m.perms.includes('x')) add('anonymous, executable (JIT code)', m.rssKb)
    else if (
      prev &&
      prev.end === m.start &&
      prev.perms.startsWith('---') &&
      prev.end - prev.start === 4096n &&
      m.end - m.start + 4096n === 8n << 20n
    )
      add('thread stacks', m.rssKb)
    else add("other anonymous (V8 heap pages, mmap'd malloc chunks)", m.rssKb)
  }
  return {kb, threadArenas: arenaStarts.size}
}
