# Helpers for /init and the scenario scripts of the cgroup v2 test VM (busybox sh). A scenario runs with
# SCENARIO set to its id, and keeps every cgroup it makes under $CG/$SCENARIO (removed after it).
CG=/sys/fs/cgroup
RESULTS=/dev/ttyS1
CONTROLLERS='+cpu +cpuset +memory +pids +io'

now() { cut -d' ' -f1 /proc/uptime; }
say() { echo "[gv $(now)] $*" >/dev/console; }

# One writer at a time on the results port (background scenarios write too): mkdir is atomic.
lock() { while ! mkdir /tmp/.gv-results-lock 2>/dev/null; do usleep 20000; done; }
unlock() { rmdir /tmp/.gv-results-lock; }

# record TYPE 'JSON FIELDS': one marked line on the results port.
record() {
	lock
	printf '@@gv {"type":"%s","scenario":"%s","t":%s,%s}\n' "$1" "$SCENARIO" "$(now)" "$2" >"$RESULTS"
	unlock
}

# record_output KEY EXIT SECONDS STDOUT-FILE STDERR-FILE [ARGV-FILE]: one "output" line, the files in base64
# (the command line one argument per line).
record_output() {
	lock
	{
		printf '@@gv {"type":"output","scenario":"%s","key":"%s","exit":%d,"seconds":%s,"argv":"' \
			"$SCENARIO" "$1" "$2" "$3"
		[ -n "$6" ] && base64 -w0 "$6"
		printf '","stdout":"'
		base64 -w0 "$4"
		printf '","stderr":"'
		base64 -w0 "$5"
		printf '"}\n'
	} >"$RESULTS"
	unlock
}

# emit KEY CMD...: run CMD (stdin /dev/null), record its exit code, duration, stdout and stderr.
emit() {
	key=$1
	shift
	out=/tmp/.gv-$SCENARIO-$key.out
	err=/tmp/.gv-$SCENARIO-$key.err
	argv=/tmp/.gv-$SCENARIO-$key.argv
	printf '%s\n' "$@" >"$argv"
	t0=$(now)
	"$@" >"$out" 2>"$err" </dev/null
	rc=$?
	s=$(awk "BEGIN { print $(now) - $t0 }")
	record_output "$key" "$rc" "$s" "$out" "$err" "$argv"
	say "$SCENARIO: $key exit $rc in ${s}s"
	rm -f "$out" "$err" "$argv"
	return $rc
}

# mkcg A/B/C: create each level under $CG, enabling the controllers for the children of every level above
# the last (cgroup v2: a cgroup's files for a controller exist only when its parent enabled it).
mkcg() {
	p=
	for part in $(echo "$1" | tr / ' '); do
		[ -n "$p" ] && echo "$CONTROLLERS" >"$CG/$p/cgroup.subtree_control"
		p=${p:+$p/}$part
		mkdir -p "$CG/$p"
	done
}

# put CGROUP FILE VALUE: write VALUE to $CG/CGROUP/FILE, or say what failed.
put() {
	echo "$3" >"$CG/$1/$2" || echo "put: cannot write '$3' to $CG/$1/$2" >&2
}

# cgclean ID: kill everything in $CG/ID (cgroup.kill, Linux 5.14+) and remove its cgroups, deepest first.
cgclean() {
	d=$CG/$1
	[ -d "$d" ] || return 0
	echo 1 >"$d/cgroup.kill" 2>/dev/null
	i=0
	while grep -q 'populated 1' "$d/cgroup.events" 2>/dev/null && [ $i -lt 100 ]; do
		usleep 100000
		i=$((i + 1))
	done
	find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null
}

# run_scenario ID SECONDS: run /guest/scenarios/ID.sh under a time bound, record its log and exit, clean up.
run_scenario() {
	SCENARIO=$1
	record start '"limit":'"$2"
	say "$SCENARIO: start"
	t0=$(now)
	SCENARIO=$1 timeout -s KILL "$2" sh -c '. /guest/lib.sh; . "/guest/scenarios/$SCENARIO.sh"' \
		>"/tmp/.gv-$1.log" 2>&1 </dev/null
	rc=$?
	cgclean "$1"
	s=$(awk "BEGIN { print $(now) - $t0 }")
	: >"/tmp/.gv-$1.empty"
	record_output _log "$rc" "$s" "/tmp/.gv-$1.log" "/tmp/.gv-$1.empty"
	record end '"exit":'"$rc"',"seconds":'"$s"
	say "$SCENARIO: end, exit $rc in ${s}s"
}
