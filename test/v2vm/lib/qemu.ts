// Boots the VM once and waits for it to power off: qemu in software emulation (TCG; these VMs have no
// usable KVM), 2 vCPUs, 2 GiB, the kernel and initramfs directly (no bootloader), the console on the first
// serial port and the results on the second, each into a file. qemu is killed by its PID when the deadline
// passes, and on every exit path of the test process (exit, SIGINT, SIGTERM); it is started through
// util-linux `setpriv --pdeathsig KILL`, so even a test process killed with SIGKILL takes qemu with it.
import {spawn} from 'node:child_process'
import {openSync, readFileSync, readSync, closeSync, existsSync, statSync} from 'node:fs'
import {MARK} from './results.js'
import {onExit} from '../../helpers/on-exit.js'

export type BootOptions = {
  qemu: string
  /** util-linux setpriv, to start qemu with a parent-death signal. */
  setpriv: string
  kernel: string
  initrd: string
  consoleLog: string
  resultsLog: string
  deadlineMs: number
  /** Kill qemu when its console has not grown for this long (the guest prints a heartbeat every 20 s). */
  silenceMs: number
  /** Called with each new result line as it arrives (progress). */
  onRecord?: (line: string) => void
}

export type BootOutcome = {
  exit: number | null
  signal: string | null
  timedOut: boolean
  /** qemu was killed because the guest's console stayed silent for silenceMs (a frozen guest). */
  silent: boolean
  ms: number
}

export function qemuArgs(o: Pick<BootOptions, 'kernel' | 'initrd' | 'consoleLog' | 'resultsLog'>): string[] {
  return [
    ...['-accel', 'tcg,thread=multi', '-cpu', 'max', '-smp', '2', '-m', '2048'],
    ...['-display', 'none', '-monitor', 'none', '-nodefaults', '-no-reboot', '-no-user-config'],
    ...['-serial', `file:${o.consoleLog}`, '-serial', `file:${o.resultsLog}`],
    ...['-kernel', o.kernel, '-initrd', o.initrd],
    // panic=-1: a dying /init reboots at once, and -no-reboot turns that into qemu exiting.
    ...['-append', 'console=ttyS0 rdinit=/init panic=-1 softlockup_panic=1'],
  ]
}

const live = new Set<number>()
let hooked = false
function killAll(): void {
  for (const pid of live) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
}
function hookExit(): void {
  if (hooked) return
  hooked = true
  onExit(killAll) // at exit, and on SIGINT/SIGTERM (on-exit.ts)
}

export function boot(o: BootOptions): Promise<BootOutcome> {
  hookExit()
  const started = Date.now()
  return new Promise((resolve, reject) => {
    // setpriv execs qemu: the PID is qemu's, and PR_SET_PDEATHSIG survives the exec.
    const argv = ['--pdeathsig', 'KILL', '--', o.qemu, ...qemuArgs(o)]
    const child = spawn(o.setpriv, argv, {stdio: ['ignore', 'ignore', 'pipe']})
    const pid = child.pid
    if (pid !== undefined) live.add(pid)
    let stderr = ''
    child.stderr.on('data', (d) => (stderr += d))
    let timedOut = false
    const deadline = setTimeout(() => {
      timedOut = true
      if (pid !== undefined) process.kill(pid, 'SIGKILL')
    }, o.deadlineMs)
    let silent = false
    let consoleBytes = -1
    let grewAt = Date.now()
    const watchdog = setInterval(() => {
      const size = existsSync(o.consoleLog) ? statSync(o.consoleLog).size : 0
      if (size !== consoleBytes) {
        consoleBytes = size
        grewAt = Date.now()
      } else if (Date.now() - grewAt > o.silenceMs && !silent) {
        silent = true
        if (pid !== undefined) process.kill(pid, 'SIGKILL')
      }
    }, 5000)
    const tail = followLines(o.resultsLog, (line) => {
      if (line.includes(MARK)) o.onRecord?.(line)
    })
    child.on('error', (e) => {
      clearTimeout(deadline)
      clearInterval(watchdog)
      clearInterval(tail.timer)
      if (pid !== undefined) live.delete(pid)
      reject(e)
    })
    child.on('close', (exit, signal) => {
      clearTimeout(deadline)
      clearInterval(watchdog)
      clearInterval(tail.timer)
      tail.poll()
      if (pid !== undefined) live.delete(pid)
      if (stderr.trim()) process.stdout.write(`  qemu stderr: ${stderr.trim().slice(0, 2000)}\n`)
      resolve({exit, signal, timedOut, silent, ms: Date.now() - started})
    })
  })
}

/** Calls onLine for each complete line appended to a file that another process writes. */
function followLines(path: string, onLine: (line: string) => void): {timer: NodeJS.Timeout; poll: () => void} {
  let offset = 0
  let partial = ''
  const poll = () => {
    if (!existsSync(path)) return
    const fd = openSync(path, 'r')
    try {
      const buf = Buffer.alloc(1 << 20)
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, offset)
        if (n <= 0) break
        offset += n
        partial += buf.subarray(0, n).toString('latin1')
      }
    } finally {
      closeSync(fd)
    }
    const lines = partial.split('\n')
    partial = lines.pop() ?? ''
    for (const l of lines) onLine(l)
  }
  return {timer: setInterval(poll, 2000), poll}
}

export function consoleTail(path: string, lines = 25): string {
  try {
    const text = readFileSync(path, 'latin1').replace(/\r/g, '')
    return text.split('\n').slice(-lines).join('\n')
  } catch {
    return '(no console log)'
  }
}
