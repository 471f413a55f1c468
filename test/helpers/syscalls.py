#!/usr/bin/env python3
# Test helper, standard library only (nothing is downloaded or compiled): the two things Node cannot do.
#   syscalls.py seccomp-exec CMD [ARGS...]  set no_new_privs, install a seccomp filter that refuses
#                                           perf_event_open(2) with EPERM (as the container runtimes'
#                                           default profiles do without CAP_PERFMON), then exec CMD.
#   syscalls.py perf-open                   try perf_event_open for this process and system-wide on CPU 0;
#                                           print {"self": "ok"|ERRNO, "system": "ok"|ERRNO} as JSON.
# Exit 3: unsupported architecture; 4: the kernel refused prctl. Linux x86_64 and aarch64 only.
import ctypes
import errno
import json
import os
import platform
import struct
import sys

# AUDIT_ARCH_* (include/uapi/linux/audit.h) and __NR_perf_event_open per architecture.
ARCHES = {'x86_64': (0xC000003E, 298), 'aarch64': (0xC00000B7, 241)}

libc = ctypes.CDLL(None, use_errno=True)
libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
libc.prctl.restype = ctypes.c_int
libc.syscall.restype = ctypes.c_long


def die(code, message):
    sys.stderr.write(message + '\n')
    sys.exit(code)


def arch():
    a = ARCHES.get(platform.machine())
    if a is None:
        die(3, 'unsupported architecture ' + platform.machine())
    return a


class SockFilter(ctypes.Structure):
    _fields_ = [('code', ctypes.c_ushort), ('jt', ctypes.c_ubyte), ('jf', ctypes.c_ubyte), ('k', ctypes.c_uint)]


class SockFprog(ctypes.Structure):
    _fields_ = [('len', ctypes.c_ushort), ('filter', ctypes.POINTER(SockFilter))]


def seccomp_exec(argv):
    audit_arch, nr = arch()
    ld_abs, jeq, ret = 0x20, 0x15, 0x06  # BPF_LD|BPF_W|BPF_ABS, BPF_JMP|BPF_JEQ|BPF_K, BPF_RET|BPF_K
    allow, eperm = 0x7FFF0000, 0x00050000 | errno.EPERM  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO|EPERM
    prog = [
        (ld_abs, 0, 0, 4),  # A = seccomp_data.arch
        (jeq, 1, 0, audit_arch),  # this architecture: go on; any other: allow
        (ret, 0, 0, allow),
        (ld_abs, 0, 0, 0),  # A = seccomp_data.nr
        (jeq, 0, 1, nr),  # perf_event_open: refuse
        (ret, 0, 0, eperm),
        (ret, 0, 0, allow),
    ]
    filters = (SockFilter * len(prog))(*[SockFilter(*i) for i in prog])
    fprog = SockFprog(len(prog), filters)
    if libc.prctl(38, 1, 0, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
        die(4, 'prctl(PR_SET_NO_NEW_PRIVS): ' + os.strerror(ctypes.get_errno()))
    if libc.prctl(22, 2, ctypes.addressof(fprog), 0, 0) != 0:  # PR_SET_SECCOMP, SECCOMP_MODE_FILTER
        die(4, 'prctl(PR_SET_SECCOMP): ' + os.strerror(ctypes.get_errno()))
    os.execvp(argv[0], argv)


def perf_open():
    _, nr = arch()
    attr = bytearray(64)  # struct perf_event_attr, PERF_ATTR_SIZE_VER0
    struct.pack_into('=IIQ', attr, 0, 1, 64, 0)  # PERF_TYPE_SOFTWARE, size, PERF_COUNT_SW_CPU_CLOCK
    struct.pack_into('=Q', attr, 40, (1 << 0) | (1 << 5) | (1 << 6))  # disabled, exclude_kernel, exclude_hv
    buf = (ctypes.c_char * len(attr)).from_buffer(attr)

    def attempt(pid, cpu):
        fd = libc.syscall(ctypes.c_long(nr), ctypes.byref(buf), ctypes.c_long(pid), ctypes.c_long(cpu), ctypes.c_long(-1), ctypes.c_ulong(0))
        if fd < 0:
            e = ctypes.get_errno()
            return errno.errorcode.get(e, str(e))
        os.close(fd)
        return 'ok'

    print(json.dumps({'self': attempt(0, -1), 'system': attempt(-1, 0)}))


if __name__ == '__main__':
    if len(sys.argv) >= 3 and sys.argv[1] == 'seccomp-exec':
        seccomp_exec(sys.argv[2:])
    elif sys.argv[1:] == ['perf-open']:
        perf_open()
    else:
        die(2, 'usage: syscalls.py seccomp-exec CMD [ARGS...] | syscalls.py perf-open')
