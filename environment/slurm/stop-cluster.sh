#!/usr/bin/env bash
# Stops the one-node Slurm cluster started by start-cluster.sh: ends slurmd, slurmctld and munged by
# the PIDs recorded when they started (never by a name pattern). Idempotent: a daemon that is not
# running is skipped. Jobs still running are killed with the node.
set -uo pipefail
STATE=/run/sml-slurm
for daemon in slurmd slurmctld munged; do
  f="$STATE/$daemon.pid"
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "warning: $daemon (PID $pid) did not stop within 10 s; sending KILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "stopped $daemon (PID $pid)"
  fi
  rm -f "$f"
done
