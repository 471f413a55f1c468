// Classifies each catalogue source on this system, with the evidence in words. Evidence only: lxcfs
// mounts from mountinfo, namespace links from /proc/self/ns, what /proc/net/dev lists, what the probes
// found. Where nothing decides, the evidence says so rather than guessing.
import {isLxcfsMount, mountCovering} from '../model/host.js'
import type {Mount} from '../parse/mountinfo.js'
import type {Sysroot} from '../sysroot/sysroot.js'
import {INIT_INODES, type NsState} from '../probes/namespaces.js'
import type {DmesgProbe} from '../probes/dmesg.js'
import {CATALOGUE, type Entry} from './catalogue.js'
import type {View} from './types.js'

/** Where a path is served from (model/host.ts decides; re-exported for the views' callers). */
export {mountCovering}

export type ViewContext = {
  sys: Sysroot
  mounts: readonly Mount[]
  ns: Record<'pid' | 'net' | 'uts' | 'time', NsState>
  nsPid: number[] | null
  dmesg: DmesgProbe
  cgroupDirs: string[]
}

function lxcfsOver(ctx: ViewContext, path: string): View['evidence'] | null {
  const m = mountCovering(ctx.mounts, path)
  if (!m || !isLxcfsMount(m)) return null
  return `mountinfo: ${m.mountPoint} is a ${m.fsType} mount (source ${m.source}): lxcfs computes it from this container's cgroup`
}

/** Null when the file reads; else why not, as the read worded it (it names the path). */
function unreadable(ctx: ViewContext, path: string): string | null {
  const r = ctx.sys.read(path)
  return r.kind === 'value' ? null : r.reason
}

const NOT_LXCFS = (path: string) =>
  `no lxcfs (fuse.lxcfs) mount over ${path} in /proc/self/mountinfo: the kernel serves it host-wide`

function classifyFile(ctx: ViewContext, e: Entry): Pick<View, 'scope' | 'evidence'> {
  const v = lxcfsOver(ctx, e.source)
  const bad = unreadable(ctx, e.source)
  // A dead lxcfs leaves its mounts behind and every read fails (ENOTCONN): the tools fail too.
  if (v && bad)
    return {
      scope: 'unavailable',
      evidence: `${bad}, though lxcfs is mounted over it (${v.replace(/^mountinfo: /, '')}): is lxcfs still running?`,
    }
  if (v) return {scope: 'virtualized', evidence: v}
  if (bad) return {scope: 'unavailable', evidence: bad}
  return {scope: 'host', evidence: NOT_LXCFS(e.source)}
}

function classifyUptime(ctx: ViewContext, e: Entry): Pick<View, 'scope' | 'evidence'> {
  const base = classifyFile(ctx, e)
  if (base.scope !== 'host') return base
  const t = ctx.ns.time
  if (t.initial === false)
    return {
      scope: 'namespaced',
      evidence: `${t.detail}: a time namespace can offset CLOCK_BOOTTIME, so uptime may count from the container's start`,
    }
  return {scope: 'host', evidence: `${NOT_LXCFS(e.source)}; ${t.initial ? t.detail : 'time namespace unknown'}`}
}

function classifyPressure(ctx: ViewContext, e: Entry): Pick<View, 'scope' | 'evidence'> {
  const base = classifyFile(ctx, e)
  if (base.scope !== 'host') return base
  return {
    scope: 'host',
    evidence: `${e.source} is the system-wide PSI of every task on the host (Documentation/accounting/psi.rst); the cgroup's own <resource>.pressure is the one that is yours`,
  }
}

// Interfaces only a host (or a host-network container) has: bridges, veth peers, CNI and overlay devices.
const HOST_IFACES =
  /^(docker\d*|br-[0-9a-f]+|virbr\d+|veth[0-9a-f]*|cni\d*|flannel\.\d+|cali[0-9a-f]+|cilium_\w+|kube-\w+|weave|vxlan\.\w+|podman\d+|lxcbr\d+|tunl0)$/

function classifyNet(ctx: ViewContext, e: Entry): Pick<View, 'scope' | 'evidence'> {
  const bad = unreadable(ctx, e.source)
  if (bad) return {scope: 'unavailable', evidence: bad}
  const n = ctx.ns.net
  if (n.initial === true)
    return {scope: 'host', evidence: `${n.detail}: ${e.source} counts the host's interfaces and connections`}
  const dev = ctx.sys.read('/proc/net/dev')
  if (dev.kind !== 'value')
    return {
      scope: 'unavailable',
      evidence: `cannot tell the network namespace: ${n.detail}, and ${dev.reason}`,
    }
  const ifaces = dev.value
    .split('\n')
    .slice(2)
    .map((l) => l.split(':')[0]?.trim() ?? '')
    .filter(Boolean)
  const hostish = ifaces.filter((i) => HOST_IFACES.test(i))
  if (hostish.length > 0) {
    return {
      scope: 'host',
      evidence: `/proc/net/dev lists ${hostish.slice(0, 4).join(', ')}: bridge/veth devices that only the host's network namespace holds (host networking)`,
    }
  }
  return {
    scope: 'namespaced',
    evidence: `the kernel scopes ${e.source} to the network namespace (${n.link ?? 'link unreadable'}); /proc/net/dev lists ${ifaces.length} interface${ifaces.length === 1 ? '' : 's'} (${ifaces.join(', ') || 'none'}) and no host bridge or veth device`,
  }
}

function classifyPids(ctx: ViewContext): Pick<View, 'scope' | 'evidence'> {
  const p = ctx.ns.pid
  const pid1 = () => {
    const comm = ctx.sys.read('/proc/1/comm')
    return comm.kind === 'value' ? comm.value.trim() : 'unreadable'
  }
  if (p.initial === true) return {scope: 'host', evidence: `${p.detail}: ps and top list every process on the host`}
  // NSpid lists this process's PID in each PID namespace from the one /proc was mounted for down to its own
  // (proc(5)). Inside a container it has one entry. More than one: this /proc belongs to an ancestor
  // namespace (`unshare --pid` without --mount-proc), and ps lists that namespace's processes, not yours.
  if (ctx.nsPid && ctx.nsPid.length > 1) {
    const link = ctx.sys.readLink('/proc/1/ns/pid')
    const top = link.kind === 'value' ? link.value.trim() : null
    const base = `NSpid ${ctx.nsPid.join(' ')}: /proc was mounted for an ancestor PID namespace${p.link ? `, not this process's ${p.link}` : ''}, so ps and top list that namespace's processes (PID 1 here is ${pid1()})`
    if (top === `pid:[${INIT_INODES.pid}]`)
      return {scope: 'host', evidence: `${base}; /proc/1/ns/pid is ${top}, the host's`}
    if (top !== null && /^pid:\[\d+\]$/.test(top))
      return {
        scope: 'namespaced',
        evidence: `${base}; /proc/1/ns/pid is ${top}: a namespace above yours, not the host's`,
      }
    return {scope: 'host', evidence: `${base}: the host's, unless containers are nested`}
  }
  if (p.initial === false) return {scope: 'namespaced', evidence: `${p.detail}; PID 1 here is ${pid1()}`}
  return {scope: 'unavailable', evidence: `cannot tell the PID namespace: ${p.detail}`}
}

function classifyKmsg(ctx: ViewContext): Pick<View, 'scope' | 'evidence'> {
  const d = ctx.dmesg
  return d.verdict === 'host-log' ? {scope: 'host', evidence: d.why} : {scope: 'unavailable', evidence: d.why}
}

function classifyHostname(ctx: ViewContext, e: Entry): Pick<View, 'scope' | 'evidence'> {
  const h = ctx.sys.read(e.source)
  const name = h.kind === 'value' ? `"${h.value.trim()}"` : 'unreadable'
  const u = ctx.ns.uts
  if (u.initial === true) return {scope: 'host', evidence: `${u.detail}: hostname ${name} is the host's`}
  if (u.initial === false)
    return {scope: 'namespaced', evidence: `${u.detail}: hostname ${name} is the container's own`}
  return {scope: 'unavailable', evidence: `cannot tell the UTS namespace: ${u.detail}`}
}

function classifyCgroup(ctx: ViewContext): Pick<View, 'scope' | 'evidence'> {
  if (ctx.cgroupDirs.length === 0)
    return {
      scope: 'unavailable',
      evidence: 'no cgroup directory of this process could be placed (see owns: cgroup.notes)',
    }
  return {
    scope: 'cgroup',
    evidence: `this process's own cgroup: ${ctx.cgroupDirs.slice(0, 3).join(', ')}${ctx.cgroupDirs.length > 3 ? ', ...' : ''}`,
  }
}

function classifyEntry(ctx: ViewContext, e: Entry): View {
  const c =
    e.kind === 'file'
      ? classifyFile(ctx, e)
      : e.kind === 'uptime'
        ? classifyUptime(ctx, e)
        : e.kind === 'pressure'
          ? classifyPressure(ctx, e)
          : e.kind === 'net'
            ? classifyNet(ctx, e)
            : e.kind === 'pids'
              ? classifyPids(ctx)
              : e.kind === 'kmsg'
                ? classifyKmsg(ctx)
                : e.kind === 'hostname'
                  ? classifyHostname(ctx, e)
                  : classifyCgroup(ctx)
  return {source: e.source, scope: c.scope, evidence: c.evidence, tools: e.tools, shows: e.shows}
}

export function classifyAll(ctx: ViewContext): View[] {
  return CATALOGUE.map((e) => classifyEntry(ctx, e))
}

const BY_SOURCE = new Map(CATALOGUE.map((e) => [e.source, e]))

/**
 * The views by source, each classified when first asked for: what classifyAll gives for that source, for a
 * caller that needs only a few (`guestview pod`'s rows ask for the ones their top findings read). The
 * context's parts may be getters, so that a namespace or a probe that no asked view needs is never read.
 */
export function lazyViews(ctx: ViewContext): {get(source: string): View | undefined} {
  const done = new Map<string, View>()
  return {
    get(source) {
      let v = done.get(source)
      if (!v) {
        const e = BY_SOURCE.get(source)
        if (!e) return undefined
        done.set(source, (v = classifyEntry(ctx, e)))
      }
      return v
    },
  }
}
