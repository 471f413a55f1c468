// Containers often run as a uid that has no passwd entry (OpenShift's arbitrary uid, `podman run --user
// 4242`, `kubectl` with runAsUser). There Node's os.userInfo() throws (uv_os_get_passwd ENOENT), and so does
// os.homedir() when HOME is unset, since it then asks the passwd entry. Libraries call both as if they could
// not fail: oclif asks userInfo() for the login shell whenever SHELL is unset (Config.load, getShell), and
// clean-stack (under oclif) calls homedir() as it loads. guestview needs neither a login shell nor a home,
// so both are made total here, before those libraries load: src/cli/program.ts and bin/dev.js import this
// module first. What such a login has is taken as it is: no shell (null) and, for a home, the root
// directory, which is what Kubernetes and podman set HOME to for a uid without an entry.
import os from 'node:os'

const HOME_WITHOUT_ENTRY = '/'
const {homedir, userInfo} = os

os.homedir = (): string => {
  try {
    return homedir()
  } catch {
    return HOME_WITHOUT_ENTRY
  }
}

os.userInfo = function userInfoOrUnnamed(options?: {encoding: BufferEncoding}) {
  try {
    return userInfo(options)
  } catch {
    const uid = process.getuid?.() ?? -1
    return {uid, gid: process.getgid?.() ?? -1, username: String(uid), homedir: os.homedir(), shell: null}
  }
} as typeof os.userInfo
