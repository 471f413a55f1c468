// Opening a sysroot from the --root flag, with the one-line errors the CLI exits 2 on.
import {Sysroot} from './sysroot.js'

export type Opened = {ok: true; sys: Sysroot} | {ok: false; message: string}

export function openSysroot(rootDir: string, options: {record?: boolean} = {}): Opened {
  const sys = new Sysroot(rootDir, options)
  const root = sys.rootState()
  if (root !== 'directory') {
    const what =
      root === 'absent'
        ? 'no such directory'
        : root === 'not-directory'
          ? 'not a directory'
          : `cannot be read (${root})`
    return {
      ok: false,
      message: `--root ${rootDir}: ${what}. Pass a sysroot tree (e.g. one made by \`guestview capture DIR\`) or omit --root to read this system.`,
    }
  }
  const probe = sys.read('/proc/self/cgroup')
  if (probe.kind === 'absent') {
    return {
      ok: false,
      message: `--root ${rootDir}: it holds no proc/self/cgroup, so it is not a sysroot. Pass a tree made by \`guestview capture DIR\`, or omit --root.`,
    }
  }
  return {ok: true, sys}
}
