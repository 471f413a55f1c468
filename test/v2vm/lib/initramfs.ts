// The VM's initramfs: static busybox, this machine's node with the libraries `ldd` lists, util-linux's
// unshare and setpriv, the built app (lib/app.ts), and the guest side of the harness (guest/: /init, lib.sh, the helper
// programs, one script per scenario). It is described as a layout (path in the image -> source), hashed, and
// packed with `busybox cpio -o -H newc` only when no cached image has that hash, so a second run with the
// same build, node and scenarios reuses it. Uncompressed: the kernel unpacks it faster than it inflates it.
import {spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import {dirname, join} from 'node:path'
import {REPO} from '../../helpers/paths.js'
import {APP} from './app.js'
import {VM_CACHE, isMissing, libraries, type Missing} from './assets.js'
import type {Scenario} from './scenario.js'

const GUEST = join(REPO, 'test', 'v2vm', 'guest')
const KEEP_IMAGES = 3

type Entry = {src: string; mode?: number} | {text: string; mode: number} | {link: string}
type Layout = Map<string, Entry>

export type Tools = {busybox: string; unshare: string; setpriv: string; node: string}

export function initramfs(tools: Tools, scenarios: Scenario[]): {path: string; built: boolean} | Missing {
  const layout = describe(tools, scenarios)
  if (isMissing(layout)) return layout
  const hash = hashLayout(layout)
  const dir = join(VM_CACHE, 'initramfs')
  const path = join(dir, `initramfs-${hash.slice(0, 16)}.cpio`)
  mkdirSync(dir, {recursive: true})
  if (existsSync(path)) {
    utimesSync(path, new Date(), new Date()) // most recently used
    return {path, built: false}
  }
  const staging = join(dir, `.staging-${process.pid}`)
  rmSync(staging, {recursive: true, force: true})
  try {
    stage(layout, staging)
    const tmp = `${path}.tmp-${process.pid}`
    const r = spawnSync(
      'sh',
      ['-c', 'cd "$1" && find . | "$2" cpio -o -H newc >"$3"', 'sh', staging, tools.busybox, tmp],
      {
        encoding: 'utf8',
        timeout: 300_000,
      },
    )
    if (r.status !== 0) return {missing: `busybox cpio failed: ${r.stderr.trim().split('\n').at(-1)}`}
    renameSync(tmp, path)
  } finally {
    rmSync(staging, {recursive: true, force: true})
  }
  evictOld(dir)
  return {path, built: true}
}

function describe(tools: Tools, scenarios: Scenario[]): Layout | Missing {
  const layout: Layout = new Map()
  const dirs = ['proc', 'sys', 'dev', 'tmp', 'root', 'etc']
  for (const d of dirs) layout.set(d, {text: '', mode: 0o40755})
  layout.set('bin/busybox', {src: tools.busybox, mode: 0o755})
  layout.set('sbin/unshare', {src: tools.unshare, mode: 0o755})
  layout.set('sbin/setpriv', {src: tools.setpriv, mode: 0o755})
  layout.set('usr/bin/node', {src: tools.node, mode: 0o755})
  for (const exe of [tools.node, tools.unshare, tools.setpriv]) {
    const libs = libraries(exe)
    if (isMissing(libs)) return libs
    for (const lib of libs) layout.set(lib.slice(1), {src: lib, mode: 0o755})
  }
  // Some Node code asks for the user's passwd entry (os.userInfo()); a container image has root's.
  layout.set('etc/passwd', {text: 'root:x:0:0:root:/root:/bin/sh\n', mode: 0o644})
  layout.set('etc/group', {text: 'root:x:0:\n', mode: 0o644})

  for (const rel of APP.files()) addTree(layout, join(REPO, rel), `app/${rel}`)
  layout.set('usr/local/bin/gv', {text: `#!/bin/sh\nexec /usr/bin/node /app/${APP.entry} "$@"\n`, mode: 0o755})

  layout.set('init', {src: join(GUEST, 'init.sh'), mode: 0o755})
  layout.set('guest/lib.sh', {src: join(GUEST, 'lib.sh'), mode: 0o644})
  for (const name of readdirSync(join(GUEST, 'bin'))) {
    layout.set(`usr/local/bin/${name}`, {src: join(GUEST, 'bin', name), mode: 0o755})
  }
  const list: string[] = []
  for (const s of scenarios) {
    layout.set(`guest/scenarios/${s.id}.sh`, {text: s.guest, mode: 0o644})
    list.push(`${s.id} ${s.timeoutSeconds} ${s.mode ?? 'sequential'}`)
  }
  layout.set('guest/scenarios.list', {text: list.join('\n') + '\n', mode: 0o644})
  return layout
}

function addTree(layout: Layout, src: string, dest: string): void {
  const st = lstatSync(src)
  if (st.isSymbolicLink()) layout.set(dest, {link: readlinkSync(src)})
  else if (st.isDirectory()) {
    for (const name of readdirSync(src).sort()) addTree(layout, join(src, name), `${dest}/${name}`)
  } else if (st.isFile()) layout.set(dest, {src, mode: st.mode & 0o777})
}

function hashLayout(layout: Layout): string {
  const h = createHash('sha256')
  for (const [dest, e] of [...layout].sort(([a], [b]) => (a < b ? -1 : 1))) {
    h.update(`${dest}\0`)
    if ('link' in e) h.update(`link:${e.link}\0`)
    else if ('text' in e) h.update(`text:${e.mode}:${e.text}\0`)
    else h.update(`file:${e.mode ?? ''}:`).update(readFileSync(e.src))
  }
  return h.digest('hex')
}

function stage(layout: Layout, root: string): void {
  for (const [dest, e] of layout) {
    const p = join(root, dest)
    if ('text' in e && e.mode & 0o40000) {
      mkdirSync(p, {recursive: true})
      continue
    }
    mkdirSync(dirname(p), {recursive: true})
    if ('link' in e) symlinkSync(e.link, p)
    else if ('text' in e) writeFileSync(p, e.text, {mode: e.mode})
    else copyFileSync(e.src, p)
    if (!('link' in e) && 'mode' in e && e.mode !== undefined) chmodSync(p, e.mode & 0o777)
  }
}

function evictOld(dir: string): void {
  const images = readdirSync(dir)
    .filter((n) => /^initramfs-[0-9a-f]+\.cpio$/.test(n))
    .map((n) => ({path: join(dir, n), used: statSync(join(dir, n)).mtimeMs}))
    .sort((a, b) => b.used - a.used)
  for (const old of images.slice(KEEP_IMAGES)) rmSync(old.path, {force: true})
}
