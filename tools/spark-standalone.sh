#!/usr/bin/env bash
# A real Spark standalone cluster on this machine, from the Maven Central jars (no Spark distribution): a master
# and two workers in separate JVMs, loopback only. Submits a sweep to it (default: sweeps/phase-diagram.json, the
# paper-size [GLPR-M] Fig. 3), kills one worker (and its executor) with SIGKILL half-way, lets Spark finish on the
# survivor, runs the same sweep with the local engine, and compares the two aggregate.csv byte for byte.
#
# Usage: tools/spark-standalone.sh [SWEEP_FILE] [WORK_DIR]
# Environment: KILL_AFTER (seconds after submission to kill worker 2; default: half of the local run's time),
#   WORKER_CORES (1), WORKER_MEMORY (3g), SKIP_LOCAL=1 (compare against WORK_DIR/local from an earlier run).
# Needs Maven (the first time online: Spark 4.1.3 is downloaded by `mvn -Pspark`).
#
# The same submission against a real cluster: replace spark://127.0.0.1:$PORT by the cluster's master URL, give
# every node attnflow.jar and the jars of target/spark-home/jars (or a Spark 4.1 installation plus target/lib), and
# make --out a directory that the driver and all executors see at the same path (a shared file system); see README,
# "Sweeps on Spark".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
spec="$(cd "$(dirname "${1:-$root/sweeps/phase-diagram.json}")" && pwd)/$(basename "${1:-$root/sweeps/phase-diagram.json}")"
work="${2:-$(mktemp -d /tmp/attnflow-spark.XXXXXX)}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
port="${PORT:-7077}"

echo "spark-standalone: building target/attnflow.jar with the Spark engine (mvn -Pspark)..." >&2
mvn -B -q -f "$root/pom.xml" -Pspark -DskipTests package >&2
mvn -B -q -f "$root/pom.xml" -Pspark dependency:build-classpath -Dmdep.includeScope=compile -Dmdep.outputFile="$root/target/spark-classpath.txt" >&2
java_home="$(sed -n 's/^ *java\.home = //p' "$root/target/java-settings.txt" | head -n 1)"
java="$java_home/bin/java"

# SPARK_HOME/jars is where a worker finds the class path of the executors it starts: Spark, Hadoop's client and
# attnflow's dependencies, linked from the local Maven repository.
spark_home="$root/target/spark-home"
rm -rf "$spark_home" && mkdir -p "$spark_home/jars" "$spark_home/conf"
tr ':' '\n' < "$root/target/spark-classpath.txt" | grep -v -e '/org/junit/' -e '/org/opentest4j/' -e '/org/apiguardian/' | while read -r j; do
  ln -sf "$j" "$spark_home/jars/"
done
opens="$(sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' "$root/pom.xml")"
export SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.13 JAVA_HOME="$java_home" SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=localhost
cp_spark="$spark_home/jars/*"

pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 -- "-$p" 2>/dev/null || true; done; }
trap cleanup EXIT
start() { # name main-class args...: its own process group, so that a worker dies with its executors
  local name="$1"; shift
  # shellcheck disable=SC2086
  setsid "$java" $opens -Xmx1g -cp "$cp_spark" "$@" > "$work/$name.log" 2>&1 &
  pids+=($!)
  disown $! 2>/dev/null || true
  echo $! > "$work/$name.pid"
}
start master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 18080
for i in 1 2; do
  sleep 2
  start "worker$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores "${WORKER_CORES:-1}" --memory "${WORKER_MEMORY:-3g}" \
    --webui-port $((18080 + i)) --work-dir "$work/worker$i-work" "spark://127.0.0.1:$port"
done
for _ in $(seq 60); do
  [ "$(grep -c "Successfully registered with master" "$work"/worker*.log 2>/dev/null | awk -F: '{s+=$2} END {print s+0}')" -ge 2 ] && break
  sleep 1
done
echo "spark-standalone: master spark://127.0.0.1:$port and two workers up (logs in $work)" >&2

if [ "${SKIP_LOCAL:-0}" != 1 ]; then
  rm -rf "$work/local"
  t0=$(date +%s)
  "$root/attnflow" sweep --spec "$spec" --out "$work/local" --progress never >&2
  local_seconds=$(( $(date +%s) - t0 ))
else
  local_seconds="(earlier run)"
fi
if [ -n "${KILL_AFTER:-}" ]; then kill_after="$KILL_AFTER"; else kill_after=$(( local_seconds / 2 > 5 ? local_seconds / 2 : 5 )); fi

rm -rf "$work/spark"
t0=$(date +%s)
# shellcheck disable=SC2086
"$java" $opens -Xmx2g -cp "$root/target/attnflow.jar:$cp_spark" org.apache.spark.deploy.SparkSubmit \
  --master "spark://127.0.0.1:$port" --deploy-mode client --class org.attnflow.cli.Main \
  --conf spark.executor.memory=2g --conf spark.task.maxFailures=8 \
  --conf "spark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector" \
  --conf "spark.driver.extraJavaOptions=--add-modules=jdk.incubator.vector" \
  --jars "$root/target/attnflow.jar" \
  "$root/target/attnflow.jar" sweep --spec "$spec" --out "$work/spark" --spark --progress never > "$work/submit.log" 2>&1 &
submit=$!
sleep "$kill_after"
if kill -0 "$submit" 2>/dev/null; then
  echo "spark-standalone: killing worker 2 and its executor (SIGKILL) after ${kill_after} s" >&2
  kill -9 -- "-$(cat "$work/worker2.pid")" 2>/dev/null || true
  echo "# worker 2 killed at ${kill_after} s" >> "$work/submit.log"
else
  echo "spark-standalone: the sweep ended before the kill at ${kill_after} s (set KILL_AFTER lower)" >&2
fi
status=0
wait "$submit" || status=$?
spark_seconds=$(( $(date +%s) - t0 ))
tail -n 3 "$work/submit.log" >&2
[ "$status" = 0 ] || { echo "spark-standalone: the Spark sweep failed (exit $status; $work/submit.log)" >&2; exit 1; }
if cmp "$work/local/aggregate.csv" "$work/spark/aggregate.csv"; then
  echo "spark-standalone: IDENTICAL aggregate.csv ($(tail -n +2 "$work/spark/aggregate.csv" | wc -l) rows; local ${local_seconds} s, Spark with worker 2 killed at ${kill_after} s: ${spark_seconds} s; load $(cut -d' ' -f1-3 /proc/loadavg); $work)"
else
  echo "spark-standalone: aggregate.csv DIFFERS ($work/local, $work/spark)"; exit 1
fi
