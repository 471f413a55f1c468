// A `guestview capture` tree made in the VM and emitted as a tar.gz: unpacked on the host (into a temporary
// directory removed at exit) and replayed with the host's built CLI, `owns --json --root DIR`.
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {cli, parseJson} from '../../helpers/live.js'
import type {Outputs} from './results.js'
import {onExit} from '../../helpers/on-exit.js'

const made: string[] = []
onExit(() => {
  for (const d of made) rmSync(d, {recursive: true, force: true})
})

/** Unpack the scenario's capture archive (output `key`) into a new temporary directory. */
export function unpackCapture(o: Outputs, key: string): string {
  const dir = mkdtempSync(join(tmpdir(), `gv-v2vm-${o.scenario}-`))
  made.push(dir)
  const archive = join(dir, '..', `${dir.split('/').pop()}.tgz`)
  made.push(archive)
  writeFileSync(archive, o.bytes(key))
  const r = spawnSync('tar', ['-xzf', archive, '-C', dir], {encoding: 'utf8', timeout: 30_000})
  if (r.status !== 0) throw new Error(`${o.scenario}: tar -xzf of "${key}" failed: ${r.stderr}`)
  return dir
}

/** `owns --json --root DIR` on the host, over a capture the VM made. */
export function replayOwns(o: Outputs, key: string): any {
  const dir = unpackCapture(o, key)
  return parseJson(cli(['owns', '--json', '--root', dir]), `owns --json --root (capture of ${o.scenario})`)
}
