import {p, warn} from '../../doc/tokens.js'
import type {ToolSpec} from '../types.js'

export const df: ToolSpec = {
  tool: 'df',
  title: 'df -h',
  aliases: ['df -h'],
  checklist: null,
  run: ['df', '-h'],
  explain: (r) => {
    const root = r.hostView.rootFs
    const overlay = root?.fsType === 'overlay' || root?.fsType === 'fuse-overlayfs'
    return {
      summary: p`Size and free space of each mounted filesystem (statfs), for the mounts of this mount namespace.`,
      reads: [
        {
          source: '/proc/self/mountinfo',
          scope: 'namespaced',
          evidence: 'the mount table is per mount namespace; sizes come from statfs of each filesystem',
        },
      ],
      fields: [
        {
          field: '/ (overlay)',
          meaning: overlay
            ? [
                warn('the host filesystem that holds the image layers'),
                ...p`: Size and Avail are shared with every container on it, not a quota of yours`,
              ]
            : p`the root filesystem, type ${root?.fsType ?? 'unknown'}`,
        },
        {field: 'tmpfs / shm', meaning: p`memory-backed: what you write there counts against your memory limit`},
        {field: 'bind mounts and volumes', meaning: p`the filesystem behind the volume, often the host's`},
      ],
      yours: [
        root
          ? p`the root is ${root.fsType} (source ${root.source})`
          : p`the root filesystem could not be read from mountinfo`,
      ],
      instead: [{command: 'du -sh /', why: p`what this container itself wrote (slow on big trees)`}],
      live: {rootFs: root},
    }
  },
  annotate: (line, r) =>
    /\s\/$/.test(line) && (r.hostView.rootFs?.fsType ?? '').includes('overlay')
      ? 'overlay root: the host filesystem of the image store, shared'
      : null,
}
