// The "." and ".." segments of a path that came from a guest's files (mountinfo, /proc/PID/cgroup, a
// capture's recording). Such a segment would steer a read, a placement or capture's write to somewhere else
// than the path names, so each caller refuses it (or resolves it, for a key): the test is one, here. Where
// the callers differ (empty segments, a trailing "/", NUL) they say why beside their own check; the table in
// test/parse/path-segments.test.ts pins every answer.
//
// By char codes, not split('/') nor a regular expression (parse/scan.ts says why): most paths hold no "/." at
// all, and then only built-ins that run as native code from their first call are met, where a loop would run
// in the interpreter in a one-shot run (guestKey's check that way: owns --json, callgrind, run phase, Node 24,
// no GC: 10.45 to 10.39 M).

const SLASH = 47
const DOT = 46

/** Whether a "/"-separated segment of `p` is "." or ".." (`p.split('/').some((s) => s === '.' || s === '..')`). */
export function hasDotSegment(p: string): boolean {
  // A segment starts at 0 or after a "/": with neither "/." nor a leading ".", no segment can be one.
  if (!p.includes('/.') && p.charCodeAt(0) !== DOT) return false
  for (let dot = p.indexOf('.'); dot >= 0; dot = p.indexOf('.', dot + 1)) {
    if (dot > 0 && p.charCodeAt(dot - 1) !== SLASH) continue
    const end = p.charCodeAt(dot + 1) === DOT ? dot + 2 : dot + 1
    if (end === p.length || p.charCodeAt(end) === SLASH) return true
  }
  return false
}

/**
 * An absolute path with no empty, "." or ".." segment and no trailing "/": one that posix.normalize would
 * leave as it is and that names one file (so not "/" either). The same test as
 * /^(?:\/(?!\.\.?(?:\/|$))[^/]+)+$/. NUL is not looked at: each caller says what one does there.
 */
export function isNormalAbsolute(p: string): boolean {
  if (p.length < 2 || p.charCodeAt(0) !== SLASH || p.charCodeAt(p.length - 1) === SLASH || p.includes('//'))
    return false
  // hasDotSegment's own first test, here too: guestKey meets every path a run reads, nearly all without
  // "/.", and then no call is made (report --json run phase, callgrind, Node 24, 6 runs: 15.31 to 15.26 M).
  return !p.includes('/.') || !hasDotSegment(p)
}
