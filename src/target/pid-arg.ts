// The value of `--pid`: a process ID as Linux gives them, or a one-line message saying what to pass instead.
// PIDs run from 1 to pid_max, which is at most PID_MAX_LIMIT (include/linux/threads.h: 4 * 1024 * 1024 on
// 64-bit kernels; /proc/sys/kernel/pid_max, proc(5)). Anything else (0, a negative number, a word, a number
// past the limit) cannot name a process, so it is a usage error (exit 2), never a lookup that fails later.

/** The largest pid_max a kernel accepts: no PID is ever above it. */
export const PID_MAX_LIMIT = 4 * 1024 * 1024

export type PidArg = {ok: true; pid: number} | {ok: false; message: string}

const HOW = 'Pass the PID of a visible process (`guestview pod` lists them), e.g. --pid 1234'

export function parsePidArg(raw: string, flag = '--pid'): PidArg {
  const s = raw.trim()
  const shown = JSON.stringify(s.length > 24 ? s.slice(0, 24) + '…' : s)
  if (/^-\d+$/.test(s)) return {ok: false, message: `${flag} ${shown}: a PID is positive. ${HOW}.`}
  if (!/^\d+$/.test(s)) return {ok: false, message: `${flag} ${shown}: not a process ID. ${HOW}.`}
  // Digits only: compare as text first, so a 400-digit number is not turned into Infinity.
  const digits = s.replace(/^0+(?=\d)/, '')
  if (digits === '0')
    return {ok: false, message: `${flag} 0: PIDs start at 1 (0 is the scheduler, not a process). ${HOW}.`}
  if (digits.length > 7 || Number(digits) > PID_MAX_LIMIT)
    return {ok: false, message: `${flag} ${shown}: larger than any PID Linux gives (at most ${PID_MAX_LIMIT}). ${HOW}.`}
  return {ok: true, pid: Number(digits)}
}
