import {Flags} from '@oclif/core'

export const rootFlag = Flags.string({
  description: 'Sysroot to read /proc, /sys and every cgroup mount under (a fixture or a `guestview capture` tree).',
  default: '/',
  helpValue: 'DIR',
})

export const noColorFlag = Flags.boolean({
  description: 'Plain text even on a terminal (also NO_COLOR=1).',
  default: false,
})

export const pidFlag = Flags.string({
  description:
    "Describe the container of process PID instead of this one (a sidecar or `kubectl debug --target` container sharing the app's PID namespace). `guestview pod` lists one PID per container.",
  helpValue: 'PID',
})

export const pidOfFlag = Flags.string({
  description:
    'Like --pid, for the container that runs COMMAND (its name, or its program file name); several containers running it is an error that lists them.',
  helpValue: 'COMMAND',
})

/** The flags every command that reads a report takes: where (--root) and whose (--pid / --pid-of). */
export const targetFlags = {root: rootFlag, pid: pidFlag, 'pid-of': pidOfFlag}
