#!/usr/bin/env bash
# End-to-end test of studies on a real Slurm cluster (the one-node cluster of start-cluster.sh):
#  1. a local reference run of the micro study (2 variants x 2 seeds), 1 engine thread like the tasks;
#  2. submit it as a job array (1 CPU per row, at most 2 at once); stop row 1 mid-row with scancel
#     and send row 2 the time-limit warning (USR1) mid-row, so it checkpoints and requeues itself;
#  3. status shows row 1 failed (cancelled); resubmit --failed completes it from its checkpoint;
#  4. every row equals the local row, metric for metric (speeds excluded);
#  5. submitting again over the complete study submits nothing.
# Needs the kernel folder (mvn -DskipTests package) and root (for the cluster). Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DJL_OFFLINE=true OPT_OUT_TRACKING=true
CP="kernel-ext/target/sml-kernel/lib/*"
STUDY=environment/slurm/micro-study.json
STEPS=100
ablation() { java -cp "$CP" org.sparsemixerlab.ablation.AblationCommand "$@"; }
fail() { echo "SLURM E2E FAILED: $*" >&2; ablation status "$STUDY" --out "$W/slurm" >&2 || true; squeue >&2 || true; exit 1; }

STARTED=""
if [ ! -f /run/sml-slurm/slurmctld.pid ] || ! kill -0 "$(cat /run/sml-slurm/slurmctld.pid)" 2>/dev/null; then
  STARTED=1
fi
bash environment/slurm/start-cluster.sh --install
W=$(mktemp -d)
cleanup() {
  ablation cancel "$STUDY" --out "$W/slurm" >/dev/null 2>&1 || true
  [ -n "$STARTED" ] && bash environment/slurm/stop-cluster.sh
  rm -rf "$W"
}
trap cleanup EXIT

# Waits until a row's metrics.jsonl holds at least $2 training steps (row folder $1, e.g. dense/seed-0).
# Its lines are JSON objects whose key order varies between runs: match keys, not positions.
wait_step() {
  local f="$W/slurm/runs/$1/metrics.jsonl"
  for _ in $(seq 3000); do
    if [ -f "$f" ] && [ "$(grep -c '"type":"step"' "$f")" -ge "$2" ]; then
      return 0
    fi
    sleep 0.1
  done
  fail "row $1 did not reach step $2 within 300 s"
}
# Waits until Slurm lists none of the study's jobs (the summary job runs last).
wait_idle() {
  for _ in $(seq 600); do
    [ -z "$(squeue -h -n sml-slurm-micro,sml-slurm-micro-summary -o %i)" ] && return 0
    sleep 1
  done
  fail "the study's jobs did not end within 600 s"
}
array_id() { grep -o '"array_job_id" : "[0-9]*"' "$W/slurm/jobs.json" | sed -n "${1}p" | grep -o '[0-9]*'; }

echo "-- local reference run (1 thread)"
ablation run "$STUDY" --out "$W/local" --threads 1 > "$W/local.log" || { tail -20 "$W/local.log"; fail "local run"; }

echo "-- submit"
ablation submit "$STUDY" --out "$W/slurm" --cpus-per-task 1 --max-parallel 2 --time 00:15:00
J=$(array_id 1)
[ -n "$J" ] || fail "jobs.json has no array job id"

wait_step dense/seed-0 10
[ -f "$W/slurm/rows/dense__seed-0.json" ] && fail "row 1 finished before it could be cancelled mid-row"
echo "-- scancel ${J}_1 (row 1, dense seed 0) mid-row"
scancel "${J}_1"

wait_step moe/seed-1 10
[ -f "$W/slurm/rows/moe__seed-1.json" ] && fail "row 2 finished before the time-limit warning"
echo "-- time-limit warning (USR1) to ${J}_2 (row 2, moe seed 1) mid-row"
scancel --batch --signal=USR1 "${J}_2"
for _ in $(seq 300); do
  st=$(squeue -h -j "${J}_2" -o %T 2>/dev/null || true)
  [ "$st" = PENDING ] && break
  sleep 0.1
done
[ "$st" = PENDING ] || fail "task ${J}_2 was not requeued (state '$st')"
# Slurm holds a requeued job back for a while (BeginTime, 2 minutes); let it start in 10 s. Not at
# once: slurmd refuses to launch a job it still remembers killing ("Job N already killed, do not
# launch batch job", exit 1), as in a CI rehearsal where the restart was scheduled 0.2 s after the
# first run's batch step ended.
scontrol update JobId="${J}_2" StartTime=now+10

wait_idle
ablation status "$STUDY" --out "$W/slurm" | tee "$W/status1.txt" || true
grep -q "3 done, 0 running, 0 pending, 1 failed, 0 not submitted" "$W/status1.txt" || fail "status after the cancel"
grep -Eq "dense seed 0 +failed +${J}_1 .*cancelled" "$W/status1.txt" || fail "row 1 is not shown as cancelled"
grep -q "requeueing ${J}_2" "$W/slurm/logs/moe__seed-1.log" || fail "row 2's log does not show its requeue"
grep -q "restart 1" "$W/slurm/logs/moe__seed-1.log" || fail "row 2 did not run again after its requeue"

echo "-- resubmit --failed"
ablation resubmit "$STUDY" --out "$W/slurm" --failed | tee "$W/resubmit.txt"
grep -q "submitted 1 of 4 rows" "$W/resubmit.txt" || fail "resubmit did not send exactly the cancelled row"
wait_idle
ablation status "$STUDY" --out "$W/slurm" || fail "the study is not complete after resubmit --failed"

# Both stopped rows resumed from their checkpoints: training step 1 appears once in their metrics.
for row in dense/seed-0 moe/seed-1; do
  n1=$(grep '"type":"step"' "$W/slurm/runs/$row/metrics.jsonl" | grep -c '"metrics":{"step":1,')
  n=$(grep -c '"type":"step"' "$W/slurm/runs/$row/metrics.jsonl")
  [ "$n1" = 1 ] && [ "$n" -ge "$STEPS" ] || fail "row $row did not resume from its checkpoint ($n1 x step 1, $n steps)"
done

echo "-- Slurm rows against the local rows"
ablation compare "$STUDY" --out "$W/slurm" "$W/local" || fail "Slurm rows differ from the local rows"
[ -s "$W/slurm/summary.txt" ] || fail "the summary job wrote no summary.txt"

echo "-- submit again over the complete study"
before=$(sha256sum "$W/slurm/jobs.json")
ablation submit "$STUDY" --out "$W/slurm" | tee "$W/again.txt"
grep -q "nothing to submit" "$W/again.txt" || fail "a second submit submitted rows"
[ "$before" = "$(sha256sum "$W/slurm/jobs.json")" ] || fail "a second submit changed jobs.json"
echo "Slurm end-to-end test passed"
