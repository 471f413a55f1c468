#!/bin/sh
# guestview with docker run (or ENGINE=podman): build the image, then see what a container with your
# limits owns. Run from the repository root.
set -eu
ENGINE=${ENGINE:-docker}

"$ENGINE" build -f Dockerfile.guest -t guestview .

# The report as text (the image's default command is `owns`), then as JSON.
"$ENGINE" run --rm --cpus=1.5 --memory=1g guestview
"$ENGINE" run --rm --cpus=1.5 --memory=1g --pids-limit=256 guestview owns --json

# Locked down: no network, no capabilities, read-only root, the image's non-root user. Nothing changes.
"$ENGINE" run --rm --network=none --cap-drop=ALL --read-only --security-opt=no-new-privileges \
  --cpus=0.5 --memory=256m guestview owns --json

# With lxcfs on the host (its files under /var/lib/lxcfs): /proc/meminfo shows the limit, and the report
# says so ("meminfoVirtualized": true).
if [ -r /var/lib/lxcfs/proc/meminfo ]; then
  "$ENGINE" run --rm --memory=256m \
    -v /var/lib/lxcfs/proc/meminfo:/proc/meminfo:ro \
    -v /var/lib/lxcfs/proc/cpuinfo:/proc/cpuinfo:ro \
    -v /var/lib/lxcfs/proc/stat:/proc/stat:ro \
    guestview owns --json
fi
