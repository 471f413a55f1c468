#!/bin/busybox sh
# /init of the cgroup v2 test VM (test/v2vm; docs/v2-vm.md). PID 1 in an initramfs under qemu: mount what a
# container host has (proc, sysfs, devtmpfs, a tmpfs /tmp and cgroup2 at /sys/fs/cgroup), enable the
# controllers for the root's children, run every scenario listed in /guest/scenarios.list (background ones
# first, beside the rest), record the results on the second serial port, and power off. If this script
# dies, the kernel panics and qemu (-no-reboot, panic=-1) exits: the host never waits for a dead VM.
/bin/busybox --install -s /bin
export PATH=/usr/local/bin:/bin:/sbin:/usr/bin HOME=/root TERM=dumb NO_COLOR=1 FORCE_COLOR=0
export OCLIF_SKIP_NEW_VERSION_CHECK=true
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs -o mode=1777 tmpfs /tmp
mount -t cgroup2 cgroup2 /sys/fs/cgroup
mkdir -p /root
# Results go to ttyS1 (the console, ttyS0, also carries kernel messages); raw, so nothing is rewritten.
stty -F /dev/ttyS1 raw -echo 2>/dev/null
# Documentation/admin-guide/cgroup-v2.rst, "Enabling and Disabling": controllers are enabled for a
# cgroup's children by writing to its cgroup.subtree_control.
echo '+cpu +cpuset +memory +pids +io' > /sys/fs/cgroup/cgroup.subtree_control

. /guest/lib.sh
SCENARIO=
record boot "\"kernel\":\"$(uname -r)\",\"controllers\":\"$(cat /sys/fs/cgroup/cgroup.subtree_control)\""
# A heartbeat on the console: the host kills and reboots a guest whose console stays silent for minutes (a
# TCG guest froze once with no soft-lockup message at all; see lib/run.ts).
( while :; do sleep 20; echo "[gv-hb $(now)]" >/dev/console; done ) &
HEARTBEAT=$!

while read -r id limit mode; do
	[ "$mode" = background ] && run_scenario "$id" "$limit" &
done </guest/scenarios.list
while read -r id limit mode; do
	[ "$mode" = background ] || run_scenario "$id" "$limit"
done </guest/scenarios.list
kill "$HEARTBEAT"
wait

SCENARIO=
record done '"ok":true'
sync
poweroff -f
