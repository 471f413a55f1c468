// The one place that decides "absent vs broken" for a read.
//
// Every value guestview reports comes from a file under the sysroot. A read either gives the text, or
// one of three typed absences, each carrying the guest path it was for:
//   absent  - the file does not exist (ENOENT, ENOTDIR): the kernel or runtime does not offer it;
//             usually a fact to report ("this kernel has no PSI"), not a failure.
//   denied  - it exists but we may not read it (EACCES, EPERM): a guest-access limit worth saying.
//   error   - anything else (EIO, EOPNOTSUPP from a disabled PSI file, EINVAL...): broken, with the code.
//   malformed - it is there but is not something to read (a FIFO, a device, a directory), or is larger
//             than any kernel file of its kind: not read at all (sysroot.ts and bounded.ts).
// A link in a tree that leaves the tree is "denied" with detail "escapes the root" (resolve.ts).

export type Missing = {ok: false; kind: 'absent' | 'denied' | 'error' | 'malformed'; path: string; detail: string}
export type FileText = {ok: true; path: string; text: string}
export type ReadOutcome = FileText | Missing

export function classifyErrno(path: string, err: unknown): Missing {
  const code = (err as NodeJS.ErrnoException | undefined)?.code ?? 'EUNKNOWN'
  if (code === 'ENOENT' || code === 'ENOTDIR') return {ok: false, kind: 'absent', path, detail: 'no such file'}
  if (code === 'EACCES' || code === 'EPERM')
    return {ok: false, kind: 'denied', path, detail: `permission denied (${code})`}
  if (code === 'EOPNOTSUPP')
    return {ok: false, kind: 'error', path, detail: 'not supported by this kernel (EOPNOTSUPP)'}
  return {ok: false, kind: 'error', path, detail: `read failed (${code})`}
}

/** A human reason for a missing file, for Limit.reason and friends. */
export function describeMissing(m: Missing): string {
  switch (m.kind) {
    case 'absent':
      return `${m.path} does not exist`
    case 'denied':
      return `${m.path}: ${m.detail}`
    default:
      return `${m.path}: ${m.detail}`
  }
}
