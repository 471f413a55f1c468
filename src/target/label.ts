// The short name a container goes by in the live views: the `container` label of every metric and the row
// name of `watch`. The same names `guestview pod` shows, shortened to what a label can hold: "self" for
// guestview's own container, the runtime's container ID (12 hex digits, as `docker ps` and `podman ps`
// shorten it) where the cgroup path holds one, else the cgroup path itself (a systemd service, a test
// cgroup: stable across restarts of its process, unlike a PID), else pid-N.
import {containerName} from './container-name.js'
import type {ProcessGroup} from './group.js'

export const SELF = 'self'

export type Labelled = {self: boolean; cgroupPath: string | null; pid: number | null}

export function containerLabel(c: Labelled): string {
  if (c.self) return SELF
  const id = c.cgroupPath === null ? null : containerName(c.cgroupPath).containerId
  if (id) return id.slice(0, 12)
  if (c.cgroupPath) return c.cgroupPath
  return c.pid === null ? 'unknown' : `pid-${c.pid}`
}

/** Labels made unique in order: a second container under one label (one cgroup, another mount namespace) gets "LABEL pid-N". */
export function uniqueLabels<T extends Labelled>(items: T[]): {item: T; label: string}[] {
  const seen = new Set<string>()
  return items.map((item) => {
    let label = containerLabel(item)
    if (seen.has(label)) label = `${label} pid-${item.pid ?? 'unknown'}`
    seen.add(label)
    return {item, label}
  })
}

/**
 * The label of every container `guestview pod` lists (its process groups, in order), as `serve --pod` and
 * `watch --pod` name them: the containers that run something made unique in the order listed; the
 * pause/infra container, which the live views leave out, by its own label.
 */
export function podLabels<G extends Pick<ProcessGroup, 'self' | 'cgroupPath' | 'infra'> & {main: {pid: number}}>(
  groups: G[],
): Map<G, string> {
  const of = (g: G): Labelled => ({self: g.self, cgroupPath: g.cgroupPath, pid: g.main.pid})
  const out = new Map<G, string>()
  const running = groups.filter((g) => !g.infra)
  uniqueLabels(running.map(of)).forEach(({label}, i) => out.set(running[i]!, label))
  for (const g of groups) if (g.infra) out.set(g, containerLabel(of(g)))
  return out
}
