#!/usr/bin/env bash
# Starts a one-node Slurm cluster on this machine for the cluster tests: its own munge
# key and munged, slurmctld and slurmd, all configured in a temporary folder (nothing
# in /etc is read or changed; SLURM_CONF points the commands at it). Source it, then:
#   slurm_start DIR     # writes DIR/slurm.conf, starts the daemons, waits for the node
#   slurm_stop          # stops the daemons it started (by pid) and removes nothing else
# Needs root (slurmd runs jobs as their user) and Debian's slurm-wlm and munge.

slurm_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits up to $2 seconds for the command in $1 to succeed.
slurm_wait_for() {
  local deadline=$((SECONDS + $2))
  until eval "$1" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

slurm_start() {
  local dir=$1 host
  host=$(hostname -s)
  SLURM_DIR=$dir
  mkdir -p "$dir/state" "$dir/spool" "$dir/munge" "$dir/log"
  chmod 700 "$dir/munge"
  # A fresh key for this cluster only.
  dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
  chmod 400 "$dir/munge/munge.key"
  munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munged.seed"
  slurm_wait_for "[ -s '$dir/munge/munged.pid' ]" 20 || { echo "munged did not start" >&2; return 1; }
  MUNGED_PID=$(cat "$dir/munge/munged.pid")

  cat >"$dir/slurm.conf" <<EOF
ClusterName=dauystest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(slurm_free_port)
SlurmdPort=$(slurm_free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=dauys Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES
EOF
  export SLURM_CONF=$dir/slurm.conf
  slurmctld -D -i -f "$SLURM_CONF" >"$dir/log/slurmctld.out" 2>&1 &
  SLURMCTLD_PID=$!
  slurmd -D -f "$SLURM_CONF" >"$dir/log/slurmd.out" 2>&1 &
  SLURMD_PID=$!
  if ! slurm_wait_for "sinfo -h -N -o '%t' | grep -qx 'idle'" 60; then
    echo "the Slurm node did not come up; logs:" >&2
    tail -n 20 "$dir"/log/* >&2
    return 1
  fi
}

slurm_stop() {
  local pid
  for pid in ${SLURMD_PID:-} ${SLURMCTLD_PID:-} ${MUNGED_PID:-}; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in ${SLURMD_PID:-} ${SLURMCTLD_PID:-}; do
    wait "$pid" 2>/dev/null || true
  done
  # munged is not this shell's child: wait for it to go, then make sure.
  if [ -n "${MUNGED_PID:-}" ]; then
    slurm_wait_for "! kill -0 $MUNGED_PID" 10 || kill -9 "$MUNGED_PID" 2>/dev/null || true
  fi
  SLURMD_PID= SLURMCTLD_PID= MUNGED_PID=
}
