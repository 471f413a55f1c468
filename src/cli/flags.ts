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
