// The built CLI on the findings fixtures: `check` in plain text (stdout is a pipe here), the done criterion
// of issue 3 (one line: free/meminfo show the host's 64 GiB, this container is held to 1 GiB), `--fail-on`
// exit codes, and the JSON contract of `views --json`, `check --json` and `report --json`.
import {test} from 'uvu'
import * as assert from 'uvu/assert'
import {CATALOGUE} from '../../src/views/catalogue.js'
import {contractView} from '../helpers/contract.js'
import {built, cli, parseJson, type Ran} from '../helpers/live.js'
import {fixtureRoot} from '../helpers/report.js'
import {skip} from '../helpers/skip.js'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {FIXTURES} from '../helpers/paths.js'

const ONE_G = 'findings-v2-1g-on-64g'
const TROUBLE = 'findings-v2-throttled-oom'
const QUIET = 'findings-v2-quiet'
const ALL = [ONE_G, TROUBLE, QUIET, 'findings-v2-lxcfs', 'findings-v2-lxcfs-partial']
const SCOPES = ['host', 'namespaced', 'cgroup', 'virtualized', 'unavailable']

const at = (name: string, args: string[]): Ran => cli([...args, '--root', fixtureRoot(name)])

if (!built()) {
  skip(test, 'CLI on the findings fixtures', 'dist/ is not built: run `npm run build` (npm test builds first)')
} else {
  test('done criterion: `check` on a 1 GiB limit on a 64 GiB host says it in one line', () => {
    const r = at(ONE_G, ['check'])
    assert.is(r.status, 0, r.stderr)
    assert.not.match(r.stdout, /\u001b\[/, 'plain text on a pipe: no ANSI codes')
    const lines = r.stdout.split('\n').filter((l) => /free\/meminfo/.test(l))
    assert.is(lines.length, 1, r.stdout)
    const line = lines[0]!
    assert.match(line, /host's 64 GiB/)
    assert.match(line, /held to 1 GiB/)
    assert.is(line.trim(), "free/meminfo show the host's 64 GiB; this container is held to 1 GiB")
    assert.match(r.stdout, /WARN meminfo-host-wide/)
  })

  test('check (plain text) lists every finding id of the fixture with its severity', () => {
    const r = at(TROUBLE, ['check'])
    assert.is(r.status, 0, r.stderr)
    for (const id of [
      'oom-killed',
      'cpu-throttled',
      'memory-near-limit',
      'pids-near-limit',
      'meminfo-host-wide',
      'cpu-count-host-wide',
      'dmesg-host-or-denied',
    ]) {
      assert.match(r.stdout, new RegExp(`(INFO|WARN|CRIT) ${id}\\b`), id)
    }
    assert.match(r.stdout, /CRIT oom-killed/)
    for (const l of r.stdout.split('\n')) assert.ok(l.length <= 80, `line over 80 columns: ${JSON.stringify(l)}`)
  })

  test('check --fail-on: exit 1 only when a finding at or above that severity exists', () => {
    // 1g-on-64g: warn findings, no crit. throttled-oom: crit. quiet: info only.
    const cases: [string, string, number][] = [
      [ONE_G, 'warn', 1],
      [ONE_G, 'crit', 0],
      [TROUBLE, 'warn', 1],
      [TROUBLE, 'crit', 1],
      [QUIET, 'warn', 0],
      [QUIET, 'crit', 0],
    ]
    for (const [name, level, want] of cases) {
      const r = at(name, ['check', '--fail-on', level])
      assert.is(r.status, want, `${name} --fail-on ${level}: ${r.stderr}`)
      assert.match(r.stdout, /guestview check/, 'the report is still printed')
    }
    const j = at(ONE_G, ['check', '--fail-on', 'warn', '--json'])
    assert.is(j.status, 1, 'with --json too')
    assert.ok(Array.isArray(parseJson(j, 'check --fail-on warn --json').findings))
    assert.is(at(ONE_G, ['check']).status, 0, 'no --fail-on: exit 0 whatever is found')
  })

  test('check --fail-on with a bad level: usage error, exit 2, one line', () => {
    const r = at(ONE_G, ['check', '--fail-on', 'info'])
    assert.is(r.status, 2, r.stderr)
    assert.is(r.stderr.trim().split('\n').length, 1, r.stderr)
  })

  test('check --json: {findings: [{id, severity, title, host, owned, advice}]}', () => {
    for (const name of ALL) {
      const out = parseJson<{findings: Record<string, unknown>[]}>(
        at(name, ['check', '--json']),
        `${name} check --json`,
      )
      assert.ok(Array.isArray(out.findings), name)
      for (const f of out.findings) {
        assert.type(f.id, 'string')
        assert.ok(['info', 'warn', 'crit'].includes(f.severity as string), `${name}: severity ${String(f.severity)}`)
        assert.type(f.title, 'string')
        assert.type(f.advice, 'string')
        assert.ok('host' in f && 'owned' in f, `${name} ${String(f.id)}: host and owned are present (null allowed)`)
      }
    }
    const one = parseJson<{findings: {id: string; severity: string; host: any; owned: any}[]}>(
      at(ONE_G, ['check', '--json']),
      'check --json',
    )
    const m = one.findings.find((f) => f.id === 'meminfo-host-wide')!
    assert.equal([m.severity, m.host.memTotalBytes, m.owned.limitBytes], ['warn', 64 * 1024 ** 3, 1024 ** 3])
  })

  test('views --json: {views: [{source, scope, evidence, tools}]}, every catalogue source once', () => {
    for (const name of ALL) {
      const out = parseJson<{views: Record<string, unknown>[]}>(at(name, ['views', '--json']), `${name} views --json`)
      assert.equal(
        out.views.map((v) => v.source),
        CATALOGUE.map((e) => e.source),
        name,
      )
      for (const v of out.views) {
        assert.ok(SCOPES.includes(v.scope as string), `${name} ${String(v.source)}: scope ${String(v.scope)}`)
        assert.ok(typeof v.evidence === 'string' && v.evidence.length > 0, `${name} ${String(v.source)}: evidence`)
        assert.ok(
          Array.isArray(v.tools) && v.tools.length > 0 && v.tools.every((t) => typeof t === 'string'),
          `${name} ${String(v.source)}: tools`,
        )
      }
    }
  })

  test('views (plain text) lists every source with its scope in capitals', () => {
    const r = at(ONE_G, ['views'])
    assert.is(r.status, 0, r.stderr)
    for (const e of CATALOGUE) assert.ok(r.stdout.includes(`${e.source}: `), e.source)
    assert.match(r.stdout, /\/proc\/meminfo: HOST/)
    assert.match(r.stdout, /\/proc\/net\/dev: NAMESPACED/)
    assert.match(r.stdout, /cgroup files: CGROUP/)
  })

  test('report --json: the owns object plus views and findings', () => {
    for (const name of ALL) {
      const r = parseJson<Record<string, any>>(at(name, ['report', '--json']), `${name} report --json`)
      for (const k of [
        'schemaVersion',
        'id',
        'collectedAt',
        'root',
        'cgroup',
        'cpu',
        'memory',
        'pids',
        'io',
        'pressure',
        'host',
        'views',
        'findings',
        'debug',
      ]) {
        assert.ok(k in r, `${name}: report --json has no ${k}`)
      }
      assert.is(r.views.length, CATALOGUE.length)
      const expected = join(FIXTURES, name, 'expected.json')
      if (existsSync(expected))
        assert.equal(
          contractView(r as any),
          JSON.parse(readFileSync(expected, 'utf8')),
          `${name}: owns part equals expected.json`,
        )
      const owns = parseJson<Record<string, any>>(at(name, ['owns', '--json']), `${name} owns --json`)
      for (const k of Object.keys(owns)) assert.ok(k in r, `${name}: report lacks owns field ${k}`)
      const check = parseJson<{findings: {id: string}[]}>(at(name, ['check', '--json']), `${name} check --json`)
      assert.equal(
        r.findings.map((f: {id: string}) => f.id),
        check.findings.map((f) => f.id),
        `${name}: report and check agree`,
      )
    }
  })
}

test.run()
