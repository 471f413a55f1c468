#!/usr/bin/python3
# A FUSE file that answers reads as /dev/kmsg does when the next record is longer than the reader's buffer:
# EINVAL (Documentation/ABI/testing/dev-kmsg). Mounted with direct_io, so the kernel passes each read's own
# size through. Used by test/security/kmsg.test.ts (issue 12 item 6). Usage: kmsg-fuse.py MOUNTPOINT
import errno
import stat
import sys

import fuse

fuse.fuse_python_api = (0, 2)
RECORD = b'6,1,0,-;' + b'x' * 3000 + b'\n'


class Kmsg(fuse.Fuse):
    def getattr(self, path):
        st = fuse.Stat()
        if path == '/':
            st.st_mode, st.st_nlink = stat.S_IFDIR | 0o755, 2
        elif path == '/kmsg':
            st.st_mode, st.st_nlink, st.st_size = stat.S_IFREG | 0o644, 1, 0
        else:
            return -errno.ENOENT
        return st

    def readdir(self, path, offset):
        for name in ('.', '..', 'kmsg'):
            yield fuse.Direntry(name)

    def open(self, path, flags):
        return 0 if path == '/kmsg' else -errno.ENOENT

    def read(self, path, size, offset):
        return -errno.EINVAL if size < len(RECORD) else RECORD


if __name__ == '__main__':
    server = Kmsg()
    server.parse(['-f', '-o', 'direct_io', sys.argv[1]])
    server.main()
