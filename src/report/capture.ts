// `guestview capture DIR`: build the report through a recording sysroot, write what it read, then replay
// the capture and compare (everything but id, collectedAt and root must be equal).
import {posix} from 'node:path'
import {writeCapture, targetIsUsable, type CaptureSummary} from '../sysroot/capture-writer.js'
import {Sysroot} from '../sysroot/sysroot.js'
import {openTarget, type TargetFlags} from '../target/open.js'
import {targetGone} from '../target/target.js'
import {buildFull} from './full.js'

export type CaptureResult =
  | {ok: true; dir: string; summary: CaptureSummary; replayMatches: boolean; replayDiff: string[]}
  | {ok: false; message: string}

export function captureTo(
  dir: string,
  rootDir: string,
  meta: {note?: string; version: string; argv: string[]},
  targetFlags: TargetFlags = {},
): CaptureResult {
  const target = posix.resolve(dir)
  const usable = targetIsUsable(target)
  if (!usable.ok) return usable
  // With --pid, the tree holds the target's files where they were read: /proc/PID/... and /proc/PID/root/...
  const opened = openTarget(rootDir, targetFlags, {record: true})
  if (!opened.ok) return opened
  const pid = opened.sys.pid
  const src = opened.sys.rootDir
  if (src !== '/' && (target === src || target.startsWith(src + '/'))) {
    return {ok: false, message: `capture: ${dir} lies inside the sysroot being read; choose a directory outside it`}
  }
  const live = buildFull(opened.sys)
  const gone = targetGone(new Sysroot(rootDir, {pid}), opened.startStat)
  if (gone.gone) return {ok: false, message: gone.message}
  const summary = writeCapture(target, opened.sys.recorded, {
    capturedAt: new Date().toISOString(),
    guestviewVersion: meta.version,
    command: ['guestview', 'capture', ...meta.argv].join(' '),
    ...(meta.note ? {note: meta.note} : {}),
    ...(pid !== null ? {target: {pid}} : {}),
  })
  const replay = buildFull(new Sysroot(target, {pid}))
  const replayDiff = diff(comparable(live), comparable(replay))
  return {ok: true, dir: target, summary, replayMatches: replayDiff.length === 0, replayDiff}
}

export function comparable(report: object): unknown {
  const {id: _id, collectedAt: _at, root: _root, ...rest} = report as Record<string, unknown>
  return rest
}

/** Paths where two JSON values differ (first 10). */
export function diff(a: unknown, b: unknown, path = '', out: string[] = []): string[] {
  if (out.length >= 10) return out
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    if (JSON.stringify(a) !== JSON.stringify(b))
      out.push(`${path || '.'}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`)
    return out
  }
  const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)])
  for (const k of keys) diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out)
  return out
}
