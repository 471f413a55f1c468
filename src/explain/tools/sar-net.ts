import * as units from '../../units/units.js'
import {cpuHeader, reads, scope} from '../common.js'
import {p, warn} from '../../doc/tokens.js'
import type {Paragraph} from '../../doc/tokens.js'
import type {ToolSpec} from '../types.js'
import type {FullReport} from '../../report/full.js'

function nsLine(r: FullReport, source: string): Paragraph {
  const s = scope(r, source)
  const v = r.views.find((x) => x.source === source)
  if (s === 'host')
    return [warn('host network namespace'), ...p`: these are the host's interfaces and counters (${v?.evidence ?? ''})`]
  if (s === 'namespaced')
    return p`this container's own network namespace: its interfaces and counters only (${v?.evidence ?? ''}). A busy host with heavy network I/O still shows idle here.`
  return p`${source} is ${s} here`
}

export const sarDev: ToolSpec = {
  tool: 'sar -n DEV',
  title: 'sar -n DEV 1',
  aliases: ['sar -n DEV 1'],
  checklist: 8,
  run: ['sar', '-n', 'DEV', '1', '1'],
  explain: (r) => ({
    summary: p`Network interface throughput per second: packets and kilobytes in and out, per interface.`,
    reads: reads(r, '/proc/net/dev'),
    fields: [
      {field: 'IFACE', meaning: p`interfaces of the network namespace /proc/net/dev belongs to`},
      {field: 'rxpck/s txpck/s rxkB/s txkB/s', meaning: p`packets and kB per second on each interface`},
      {
        field: '%ifutil',
        meaning: p`utilisation against the link speed; a veth reports a nominal 10 Gbit/s, so this says little inside a container`,
      },
      {field: '(N CPU) in the header', meaning: cpuHeader(r)},
    ],
    yours: [nsLine(r, '/proc/net/dev')],
    instead: [{command: 'ip -s link', why: p`the same counters, with errors and drops per interface`}],
    live: {scope: scope(r, '/proc/net/dev')},
  }),
  annotate: (line, r) =>
    /\((\d+) CPU\)/.test(line) ? `host CPUs; you own ${units.cores(r.cpu.effectiveCores)}` : null,
}

export const sarTcp: ToolSpec = {
  tool: 'sar -n TCP,ETCP',
  title: 'sar -n TCP,ETCP 1',
  aliases: ['sar -n TCP,ETCP 1', 'sar -n TCP', 'sar -n ETCP'],
  checklist: 9,
  run: ['sar', '-n', 'TCP,ETCP', '1', '1'],
  explain: (r) => ({
    summary: p`TCP activity and errors per second, from the SNMP counters of the network namespace.`,
    reads: reads(r, '/proc/net/snmp'),
    fields: [
      {field: 'active/s', meaning: p`connections this namespace opened (connect)`},
      {field: 'passive/s', meaning: p`connections it accepted (listen/accept)`},
      {field: 'retrans/s', meaning: p`retransmitted segments: network or remote trouble`},
      {
        field: 'atmptf/s estres/s orsts/s',
        meaning: p`failed connection attempts, resets of established connections, resets sent`,
      },
      {field: '(N CPU) in the header', meaning: cpuHeader(r)},
    ],
    yours: [nsLine(r, '/proc/net/snmp')],
    instead: [{command: 'nstat -az', why: p`the same counters, cumulative, without sysstat`}],
    live: {scope: scope(r, '/proc/net/snmp')},
  }),
  annotate: (line, r) =>
    /\((\d+) CPU\)/.test(line) ? `host CPUs; you own ${units.cores(r.cpu.effectiveCores)}` : null,
}
