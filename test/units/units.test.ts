// src/units: the one number formatter. Known values as people read them (binary units as the cgroup files
// count, cores unrounded), and every function over missing and non-finite input: "unknown", never NaN,
// Infinity or undefined.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import * as units from '../../src/units/units.js'
import type {Unit} from '../../src/units/units.js'

const KiB = 1024
const MiB = 1024 * KiB
const GiB = 1024 * MiB

test('bytes: binary units, at most two decimals, whole bytes below 1 KiB', () => {
  const cases: [number, string][] = [
    [0, '0 B'],
    [512, '512 B'],
    [1023, '1023 B'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [512 * MiB, '512 MiB'],
    [18.8 * MiB, '18.8 MiB'],
    [23.54 * GiB, '23.54 GiB'],
    [64 * GiB, '64 GiB'],
    // v1's "no limit": LONG_MAX rounded down to the page (Documentation/admin-guide/cgroup-v1/memory.rst).
    [9223372036854771712, '8 EiB'],
  ]
  for (const [n, s] of cases) assert.is(units.bytes(n), s, String(n))
  assert.is(units.bytesPerSecond(10 * MiB), '10 MiB/s')
})

test('cores: unrounded to the millicore, "core" for exactly one', () => {
  assert.is(units.cores(1.5), '1.5 cores')
  assert.is(units.cores(1), '1 core')
  assert.is(units.cores(0.2), '0.2 cores')
  assert.is(units.cores(1 / 3), '0.333 cores')
  assert.is(units.cores(2), '2 cores')
})

test('counts, seconds, rates and load', () => {
  assert.is(units.count(1532), '1532')
  assert.is(units.count(0), '0')
  assert.is(units.seconds(1.6924), '1.692 s')
  assert.is(units.secondsPerSecond(0.849), '0.849 s/s')
  assert.is(units.perSecond(12.345), '12.3/s')
  assert.is(units.load(1.7), '1.70')
  assert.is(units.decimal(2.0512, 2), '2.05')
  assert.is(units.decimal(-0.0001), '0')
})

test('durations: seconds, then hours, then days', () => {
  assert.is(units.duration(2554), '2554 s')
  assert.is(units.duration(7200), '2.0 hours')
  assert.is(units.duration(15 * 86400), '15.0 days')
})

test('percentages: of a whole, of a fraction, or a value already in percent', () => {
  assert.is(units.percent(211, 1532), '13.8%')
  assert.is(units.percent(1, 0), 'unknown', 'no whole: no percentage')
  assert.is(units.ratio(0.8), '80%')
  assert.is(units.ratio(0.9861), '98.6%')
  assert.is(units.percentValue(21.14), '21.1%')
})

test('cpuList: the kernel cpulist format', () => {
  assert.is(units.cpuList([0, 1, 2, 3, 6]), '0-3,6')
  assert.is(units.cpuList([1]), '1')
  assert.is(units.cpuList([0, 2, 4]), '0,2,4')
  assert.is(units.cpuList([]), 'none')
  assert.is(units.cpuList(null), 'unknown')
})

const UNITS: Unit[] = [
  'bytes',
  'bytesPerSecond',
  'cores',
  'count',
  'seconds',
  'secondsPerSecond',
  'perSecond',
  'percent',
  'ratio',
  'load',
  'plain',
]

test('every unit: missing or non-finite values print "unknown"', () => {
  for (const unit of UNITS)
    for (const v of [null, undefined, Number.NaN, Infinity, -Infinity])
      assert.is(units.format(v, unit), 'unknown', `${unit}: ${v}`)
  for (const fn of [units.duration, units.percentValue, units.decimal]) assert.is(fn(Number.NaN), 'unknown')
  assert.is(units.percent(Number.NaN, 10), 'unknown')
  assert.is(units.percent(1, Infinity), 'unknown')
})

test('every unit: a finite value never prints NaN, Infinity or undefined', () => {
  for (const unit of UNITS)
    for (const v of [0, -1, 0.0004, 1e-12, 1e21, Number.MAX_SAFE_INTEGER, Number.MAX_VALUE])
      assert.not.match(units.format(v, unit), /NaN|Infinity|undefined/, `${unit}: ${v}`)
})

test.run()
