// stdout and stderr without Node's streams, where they are not terminals. The first read of process.stdout
// builds a stream: a net.Socket on a pipe (loading net, tty and the streams), a SyncWriteStream on a file.
// Libraries read them as they load (oclif's screen width, its EPIPE handler, ansis and debug asking for a
// terminal), and a JSON run only writes one document: under Node 24, whose own start is 57 ms here, those
// streams were about a seventh of what `owns --json` costs beyond `node -e 0` (bench/results.md).
//
// So, unless the descriptor is a terminal, process.stdout and process.stderr are light stand-ins: `isTTY`
// false, `fd`, `write` through fs.writeSync, and listeners kept by an EventEmitter of their own. Anything
// else (a property or method a stand-in does not have) builds the real stream, moves the listeners to it,
// and is answered by it from then on: the stand-in never answers differently from the real stream, it only
// answers the common questions first. A failed write (EPIPE when the reader went away) is an 'error' event,
// as on the real stream, which epipe.ts turns into a quiet exit. On a terminal (Ink draws there) nothing
// changes. src/cli/program.ts and bin/dev.js import this first, before oclif and its dependencies load.
import {EventEmitter} from 'node:events'
import {fstatSync, writeSync} from 'node:fs'
import {traceStart} from './trace-start.js'

/**
 * Whether `fd` may be a terminal, without loading node:tty: a terminal is a character device whose major
 * number is not 1 (1 is /dev/null, /dev/zero and the other memory devices: the kernel's devices.txt). Where
 * it may be, the real stream is used, and it decides. In dist/guestview.mjs the loader has asked already (its
 * code cache is picked by it: scripts/loader.mjs), and its answer is taken, so the two never differ; this
 * copy of the test serves bin/dev.js, which has no loader (test/cli/terminal-check.live.test.ts: both answer
 * alike on a pty, a pipe, /dev/null and a file).
 */
export const mayBeTerminal: (fd: number) => boolean =
  ((globalThis as Record<symbol, unknown>)[Symbol.for('guestview.mayBeTerminal')] as
    ((fd: number) => boolean) | undefined) ?? ownMayBeTerminal

function ownMayBeTerminal(fd: number): boolean {
  try {
    const st = fstatSync(fd)
    return st.isCharacterDevice() && Math.floor(st.rdev / 256) % 4096 !== 1
  } catch {
    return false
  }
}

const EMITTER_METHODS = new Set([
  'on',
  'addListener',
  'once',
  'prependListener',
  'prependOnceListener',
  'off',
  'removeListener',
  'removeAllListeners',
  'listenerCount',
  'listeners',
  'rawListeners',
  'emit',
  'eventNames',
  'setMaxListeners',
  'getMaxListeners',
])

/** Write all of `chunk` to `fd`: fs.writeSync may write part of it, or fail with EAGAIN on a non-blocking pipe. */
function writeAll(fd: number, chunk: string | Uint8Array, encoding?: BufferEncoding): void {
  let bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk
  let waits = 0
  while (bytes.length > 0) {
    try {
      const written = writeSync(fd, bytes)
      bytes = bytes.subarray(written)
      waits = 0
    } catch (error) {
      // The reader is slow and the pipe was made non-blocking (by whoever shares it): wait a little, as
      // Node's SyncWriteStream cannot; give up after about 10 s of a pipe no one reads.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN' || ++waits > 10_000) throw error
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1)
    }
  }
}

function standIn(fd: number, real: () => NodeJS.WriteStream): NodeJS.WriteStream {
  const events = new EventEmitter()
  let stream: NodeJS.WriteStream | undefined
  const bound = new Map<unknown, unknown>()
  const materialize = (): NodeJS.WriteStream => {
    if (stream) return stream
    stream = real()
    const to: EventEmitter = stream
    type Listener = ((...a: unknown[]) => void) & {listener?: (...a: unknown[]) => void}
    for (const event of events.eventNames())
      for (const l of events.rawListeners(event) as Listener[]) {
        // once() wrappers carry the listener: it stays a once-listener on the real stream.
        if (l.listener) to.once(event, l.listener)
        else to.on(event, l)
      }
    events.removeAllListeners()
    return stream
  }
  type Callback = (error?: Error | null) => void
  let untraced = fd === 1
  const write = (chunk: string | Uint8Array, encoding?: BufferEncoding | Callback, callback?: Callback): boolean => {
    if (stream) return stream.write(chunk, encoding as BufferEncoding, callback)
    const done = typeof encoding === 'function' ? encoding : callback
    if (untraced) traceStart('first write to stdout')
    untraced = false
    try {
      writeAll(fd, chunk, typeof encoding === 'string' ? encoding : undefined)
    } catch (error) {
      // As the real stream does: the callback and an 'error' event, on a later tick.
      process.nextTick(() => {
        done?.(error as Error)
        ;(stream ?? events).emit('error', error)
      })
      return false
    }
    if (done) process.nextTick(done, null)
    return true
  }
  const proxy: NodeJS.WriteStream = new Proxy({} as NodeJS.WriteStream, {
    get(_, key) {
      if (!stream) {
        if (key === 'isTTY') return false
        if (key === 'fd') return fd
        if (key === 'write') return write
        if (key === 'writable') return true
        if (typeof key === 'string' && EMITTER_METHODS.has(key)) {
          const method = (events as unknown as Record<string, (...a: unknown[]) => unknown>)[key]!
          return (...args: unknown[]) => {
            // After a listener is added, `stream` may exist: the same call goes to it.
            const result = stream
              ? Reflect.apply(Reflect.get(stream, key) as never, stream, args)
              : method.apply(events, args)
            return result === events || result === stream ? proxy : result
          }
        }
      }
      const target = materialize()
      const value = Reflect.get(target, key) as unknown
      if (typeof value !== 'function') return value
      if (!bound.has(value)) bound.set(value, (value as (...a: unknown[]) => unknown).bind(target))
      return bound.get(value)
    },
    set: (_, key, value) => Reflect.set(materialize(), key, value),
    has: (_, key) => key in materialize(),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(materialize(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(materialize(), key),
    ownKeys: () => Reflect.ownKeys(materialize()),
    getOwnPropertyDescriptor: (_, key) => {
      const d = Reflect.getOwnPropertyDescriptor(materialize(), key)
      return d && {...d, configurable: true}
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(materialize()),
  })
  return proxy
}

/** Install the stand-ins (once; nothing on a terminal, or where Node's getters are not as expected). */
export function lightStdio(): void {
  for (const [name, fd] of [
    ['stdout', 1],
    ['stderr', 2],
  ] as const) {
    const descriptor = Object.getOwnPropertyDescriptor(process, name)
    if (!descriptor?.get || !descriptor.configurable || mayBeTerminal(fd)) continue
    // Node's getter, called on process as before: it builds the real stream once and keeps it.
    const realGetter = descriptor.get.bind(process)
    const light = standIn(fd, () => realGetter() as NodeJS.WriteStream)
    Object.defineProperty(process, name, {...descriptor, get: () => light})
  }
}

if (process.env.GUESTVIEW_LIGHT_STDIO !== '0') lightStdio()
