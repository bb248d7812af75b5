#!/usr/bin/env bash
# Starts a one-node Slurm cluster on this machine (controller + compute daemon + munge), as root,
# without systemd: enough to submit, watch and cancel study job arrays for real.
#
#   bash environment/slurm/start-cluster.sh [--install]
#
# --install  installs Debian's slurmctld, slurmd, slurm-client and munge first (apt-get).
# Idempotent: when the daemons this script started are still running it only says so. The cluster
# has one node (this machine, all its CPUs, CR_Core: one task per CPU at a time) and one partition,
# "debug". Accounting is off, so sacct does not answer; squeue and scontrol do.
# Stop it with environment/slurm/stop-cluster.sh (ends these daemons by their PIDs).
set -euo pipefail
STATE=/run/sml-slurm
CONF=/etc/slurm/slurm.conf
MARK="# written by sparse-mixer-lab environment/slurm/start-cluster.sh"

if [ "${1:-}" = "--install" ]; then
  export DEBIAN_FRONTEND=noninteractive
  if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null \
     || ! command -v sbatch >/dev/null; then
    apt-get update -q
    apt-get install -y -q slurmctld slurmd slurm-client munge
  fi
fi
for tool in slurmctld slurmd munged sbatch sinfo; do
  if ! command -v "$tool" >/dev/null; then
    echo "error: $tool is not installed; run this script with --install (or: apt-get install slurmctld slurmd slurm-client munge)" >&2
    exit 1
  fi
done
if [ "$(id -u)" != 0 ]; then
  echo "error: the one-node cluster runs its daemons as root; run this script as root" >&2
  exit 1
fi

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
if alive "$STATE/munged.pid" && alive "$STATE/slurmctld.pid" && alive "$STATE/slurmd.pid"; then
  echo "one-node Slurm cluster already running (PIDs in $STATE)"
  sinfo
  exit 0
fi
if [ -f "$CONF" ] && ! grep -qF "$MARK" "$CONF"; then
  echo "error: $CONF exists and was not written by this script; not touching a real cluster's configuration" >&2
  exit 1
fi

HOST=$(hostname -s)
CPUS=$(nproc)
MEM=$(( $(free -m | awk '/Mem:/{print $2}') - 2048 ))
[ "$MEM" -lt 1024 ] && MEM=1024
mkdir -p "$STATE" /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm \
         /run/munge /var/lib/munge /var/log/munge /etc/munge
if [ ! -f /etc/munge/munge.key ]; then
  dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null
fi
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge
chmod 400 /etc/munge/munge.key

cat > "$CONF" <<CONF
$MARK
ClusterName=smltest
SlurmctldHost=$HOST(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF

if ! alive "$STATE/munged.pid"; then
  su -s /bin/sh munge -c "/usr/sbin/munged --pid-file=/run/munge/munged.pid"
  for _ in $(seq 50); do [ -s /run/munge/munged.pid ] && break; sleep 0.1; done
  cp /run/munge/munged.pid "$STATE/munged.pid"
fi
alive "$STATE/slurmctld.pid" || /usr/sbin/slurmctld
alive "$STATE/slurmd.pid" || /usr/sbin/slurmd
for _ in $(seq 60); do
  if sinfo -h -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then
    echo "one-node Slurm cluster up: partition debug, node $HOST, $CPUS CPUs (PIDs in $STATE)"
    sinfo
    exit 0
  fi
  sleep 0.5
done
echo "error: the node did not become idle within 30 s; see /var/log/slurm/slurmctld.log and slurmd.log" >&2
sinfo >&2 || true
exit 1
