// `guestview capture DIR`: build the report through a recording sysroot, write what it read, then replay
// the capture and compare (everything but id, collectedAt and root must be equal).
import {chmodSync, mkdirSync, realpathSync} from 'node:fs'
import {posix} from 'node:path'
import {writeCapture, targetIsUsable, type CaptureSummary} from '../sysroot/capture-writer.js'
import {Sysroot} from '../sysroot/sysroot.js'
import {openTarget, type TargetFlags} from '../target/open.js'
import {targetGone} from '../target/target.js'
import {buildFull} from './full.js'
import {isoTime} from '../units/iso-time.js'

export type CaptureResult =
  | {ok: true; dir: string; summary: CaptureSummary; replayMatches: boolean; replayDiff: string[]}
  | {ok: false; message: string}

export function captureTo(
  dir: string,
  rootDir: string,
  meta: {note?: string; version: string; argv: string[]; force?: boolean},
  targetFlags: TargetFlags = {},
): CaptureResult {
  const usable = targetIsUsable(posix.resolve(dir), meta.force)
  if (!usable.ok) return usable
  // With --pid, the tree holds the target's files where they were read: /proc/PID/... and /proc/PID/root/...
  const opened = openTarget(rootDir, targetFlags, {record: true})
  if (!opened.ok) return opened
  const pid = opened.sys.pid
  const src = realpathSync(opened.sys.rootDir)
  const inside = (p: string) => src !== '/' && (p === src || p.startsWith(src + '/'))
  if (inside(posix.resolve(dir)) || (!usable.created && inside(realpathSync(dir)))) {
    return {ok: false, message: `capture: ${dir} lies inside the sysroot being read; choose a directory outside it`}
  }
  const made = makeTarget(dir, usable.created)
  if (!made.ok) return made
  const target = made.dir
  if (inside(target)) return {ok: false, message: `capture: ${dir} resolves inside the sysroot being read (${target})`}
  const live = buildFull(opened.sys)
  const gone = targetGone(new Sysroot(rootDir, {pid}), opened.startStat)
  if (gone.gone) return {ok: false, message: gone.message}
  const summary = writeCapture(target, opened.sys.recorded, {
    capturedAt: isoTime(new Date()),
    guestviewVersion: meta.version,
    command: ['guestview', 'capture', ...meta.argv].join(' '),
    ...(meta.note ? {note: meta.note} : {}),
    ...(pid !== null ? {target: {pid}} : {}),
  })
  if (made.finalMode !== undefined) chmodSync(target, made.finalMode)
  const replay = buildFull(new Sysroot(target, {pid}))
  const replayDiff = diff(comparable(live), comparable(replay))
  return {ok: true, dir: target, summary, replayMatches: replayDiff.length === 0, replayDiff}
}

/**
 * The real path of DIR, made if new. A new DIR is owner-only while it is written (nobody else can plant a
 * link in it meanwhile) and gets the usual mode (0777 less the umask) at the end.
 */
function makeTarget(
  dir: string,
  create: boolean,
): {ok: true; dir: string; finalMode?: number} | {ok: false; message: string} {
  try {
    if (!create) return {ok: true, dir: realpathSync(dir)}
    mkdirSync(dir, {recursive: true, mode: 0o700})
    chmodSync(dir, 0o700)
    const umask = process.umask()
    return {ok: true, dir: realpathSync(dir), finalMode: 0o777 & ~umask}
  } catch (error) {
    return {ok: false, message: `capture: cannot create ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'})`}
  }
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
  const keys = new Set([...Object.keys(a), ...Object.keys(b as object)])
  for (const k of keys) diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out)
  return out
}

/** 0: written and replayed alike; 1: the replay differs, or paths were refused (the capture is incomplete). */
export function captureExitCode(r: Extract<CaptureResult, {ok: true}>): number {
  return r.replayMatches && r.summary.refused.length === 0 ? 0 : 1
}
