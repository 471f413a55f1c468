// The targets of `watch` and `serve` from their flags: this container (no flag), the container of
// `--pid PID` / `--pid-of COMMAND`, or every container visible from here (`--pod`). The checks are the
// one-shot commands' (src/target/open.ts), made once at start: a bad PID, a process that is not visible or
// has exited, /proc/PID/root refused (ptrace) are one line and exit 2 before anything is served or drawn.
import {Flags} from '@oclif/core'
import {openedTargets, podTargets, type Targets} from '../live/targets.js'
import {openSysroot} from '../sysroot/open.js'
import {openTarget} from '../target/open.js'
import {targetFlags} from './flags.js'

export const podFlag = Flags.boolean({
  description:
    'Every container visible from here (the containers of a pod sharing its PID namespace, as `guestview pod` lists them), one each; listed again at every interval.',
  default: false,
})

/** --root, --pid, --pid-of and --pod: whose containers a live view samples. */
export const liveTargetFlags = {...targetFlags, pod: podFlag}

export type LiveTargets = {ok: true; targets: Targets; rootDir: string} | {ok: false; message: string}

export function liveTargets(flags: {root: string; pid?: string; 'pid-of'?: string; pod: boolean}): LiveTargets {
  if (flags.pod && (flags.pid !== undefined || flags['pid-of'] !== undefined))
    return {
      ok: false,
      message: `--pod and ${flags.pid !== undefined ? '--pid' : '--pid-of'} both say whose container: --pod is every container, --pid one of them. Give one.`,
    }
  if (flags.pod) {
    const opened = openSysroot(flags.root)
    if (!opened.ok) return opened
    return {ok: true, targets: podTargets(opened.sys.rootDir), rootDir: opened.sys.rootDir}
  }
  const opened = openTarget(flags.root, {pid: flags.pid, pidOf: flags['pid-of']})
  if (!opened.ok) return opened
  return {ok: true, targets: openedTargets(opened), rootDir: opened.sys.rootDir}
}
