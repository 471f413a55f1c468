// Small sysroot trees made on the fly in a temporary directory: files, symlinks (namespace links) and an
// optional capture manifest for files that must read as denied or failing. Removed by cleanupTrees().
import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {CAPTURE_MANIFEST, Sysroot} from '../../src/sysroot/sysroot.js'

const made: string[] = []

export type TreeSpec = {
  files?: Record<string, string>
  links?: Record<string, string>
  /** As `capture` writes them ({kind, reason}), or as older captures did ({kind: 'error', detail}). */
  unreadable?: Record<
    string,
    | {kind: 'absent' | 'denied' | 'error'; detail: string}
    | {kind: 'absent' | 'unsupported' | 'denied' | 'malformed'; reason: string}
  >
}

export function makeTree(spec: TreeSpec): string {
  const dir = mkdtempSync(join(tmpdir(), 'gv-tree-'))
  made.push(dir)
  // A tree whose /proc/self is a link (to a PID directory) gets no default proc/self/cgroup file.
  const selfIsLink = spec.links?.['/proc/self'] !== undefined
  const files = {...(selfIsLink ? {} : {'/proc/self/cgroup': '0::/\n'}), ...spec.files}
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), {recursive: true})
    writeFileSync(join(dir, p), text)
  }
  for (const [p, target] of Object.entries(spec.links ?? {})) {
    mkdirSync(dirname(join(dir, p)), {recursive: true})
    symlinkSync(target, join(dir, p))
  }
  if (spec.unreadable)
    writeFileSync(join(dir, CAPTURE_MANIFEST), JSON.stringify({format: 1, unreadable: spec.unreadable}))
  return dir
}

export const treeSysroot = (spec: TreeSpec): Sysroot => new Sysroot(makeTree(spec))

export function cleanupTrees(): void {
  for (const d of made.splice(0)) rmSync(d, {recursive: true, force: true})
}

/** A /proc/self/status with the lines the probes read; null leaves a line out. */
export function statusText(
  o: {
    capEff?: string | null
    seccomp?: string | null
    filters?: string | null
    nnp?: string | null
    nspid?: string | null
    uid?: string | null
  } = {},
): string {
  const line = (k: string, v: string | null | undefined, dflt: string) => (v === null ? [] : [`${k}:\t${v ?? dflt}`])
  return [
    'Name:\tnode',
    'State:\tS (sleeping)',
    ...line('Uid', o.uid, '0\t0\t0\t0'),
    'Groups:\t ',
    ...line('NSpid', o.nspid, '42'),
    'CapInh:\t0000000000000000',
    ...line('CapEff', o.capEff, '0000000000000000'),
    ...line('NoNewPrivs', o.nnp, '0'),
    ...line('Seccomp', o.seccomp, '0'),
    ...line('Seccomp_filters', o.filters, '0'),
    'x86_Thread_features:\t',
    '',
  ].join('\n')
}
