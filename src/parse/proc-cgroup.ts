// /proc/PID/cgroup, Documentation/admin-guide/cgroup-v1/cgroups.rst and cgroup-v2.rst "Processes":
//   hierarchy-ID:controller-list:cgroup-path
//   4:cpu,cpuacct:/docker/0123abcd        (v1: comma-joined controllers)
//   1:name=systemd:/user.slice             (v1 named hierarchy, no controller)
//   0::/kubepods/pod1/abc                  (v2: ID 0, empty controller list)
// Split on ':' at most twice: a cgroup path may itself contain ':' (systemd escapes, some runtimes).
import {parseLines} from './lines.js'
import {fail, ok, quote, type Parsed} from './result.js'
import {isDigits} from './scan.js'

export type CgroupLine = {hierarchyId: number; controllers: string[]; path: string}

export function parseProcCgroup(text: string): Parsed<CgroupLine[]> {
  const lines = parseLines(text, (line): Parsed<CgroupLine> => {
    const a = line.indexOf(':')
    const b = a < 0 ? -1 : line.indexOf(':', a + 1)
    if (a < 0 || b < 0) return fail(`expected "id:controllers:path", got ${quote(line)}`)
    const id = line.slice(0, a)
    if (id.length > 9 || !isDigits(id)) return fail(`bad hierarchy id in ${quote(line)}`)
    const path = line.slice(b + 1)
    if (!path.startsWith('/')) return fail(`cgroup path is not absolute in ${quote(line)}`)
    const list = line.slice(a + 1, b)
    return ok({hierarchyId: Number(id), controllers: list === '' ? [] : list.split(','), path})
  })
  return lines.ok && lines.value.length === 0 ? fail('empty /proc/self/cgroup') : lines
}
