// Writes what a recording sysroot read into a new sysroot tree, so that `--root DIR` replays it exactly:
// files as files, links as links (/proc/self/ns/cgroup), directories as directories, and every file that
// could not be read (denied, EOPNOTSUPP...) in the manifest, which the Sysroot honours on replay.
// Absent files are left absent: absence replays by itself.
import {existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync} from 'node:fs'
import {posix} from 'node:path'
import {CAPTURE_MANIFEST, type Recorded} from './sysroot.js'

/** `target`: the PID a `capture --pid` read, so that `--root DIR` replays that process's report by itself. */
export type CaptureMeta = {
  capturedAt: string
  guestviewVersion: string
  command: string
  note?: string
  target?: {pid: number}
}
export type CaptureSummary = {files: number; links: number; dirs: number; unreadable: number}

export function targetIsUsable(dir: string): {ok: true} | {ok: false; message: string} {
  if (!existsSync(dir)) return {ok: true}
  try {
    if (readdirSync(dir).length === 0) return {ok: true}
  } catch (error) {
    return {
      ok: false,
      message: `capture: ${dir} is not a usable directory (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    }
  }
  return {
    ok: false,
    message: `capture: ${dir} is not empty; choose a new directory so the capture holds only what was read`,
  }
}

export function writeCapture(dir: string, recorded: Map<string, Recorded>, meta: CaptureMeta): CaptureSummary {
  const summary: CaptureSummary = {files: 0, links: 0, dirs: 0, unreadable: 0}
  const unreadable: Record<string, {kind: string; reason: string}> = {}
  mkdirSync(dir, {recursive: true})
  const host = (p: string) => posix.join(dir, p)
  // Directories first, so a file written later never collides with a directory made for another path.
  for (const [path, rec] of recorded) {
    if (rec.type === 'dir' && rec.outcome.kind === 'value') {
      mkdirSync(host(path), {recursive: true})
      summary.dirs++
    }
  }
  for (const [path, rec] of recorded) {
    const out = rec.outcome
    if (out.kind !== 'value') {
      if (out.kind !== 'absent') {
        unreadable[path] = {kind: out.kind, reason: out.reason}
        summary.unreadable++
      }
      continue
    }
    if (rec.type === 'dir') continue
    // Probed devices (/dev/kmsg) become empty plain files: "it could be opened" replays, and no kernel log
    // text (other tenants' messages) leaves the machine in a support ticket.
    mkdirSync(posix.dirname(host(path)), {recursive: true})
    if (rec.type === 'link') {
      symlinkSync(out.value as string, host(path))
      summary.links++
    } else {
      writeFileSync(host(path), rec.type === 'probe' ? '' : (out.value as string))
      summary.files++
    }
  }
  writeFileSync(host(CAPTURE_MANIFEST), JSON.stringify({format: 1, ...meta, unreadable}, null, 2) + '\n')
  return summary
}
