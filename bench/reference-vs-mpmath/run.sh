#!/usr/bin/env bash
# Benchmark: the arbitrary-precision reference against mpmath's odefun on the causal circle model O6
# (n = 4, beta = 4, T = 2, 30 digits), in one go: each side end to end (a fresh process: Python, a cold JVM) and the
# reference warm, with the ratios; then the reference alone on n = 32, d = 3 to T = 10.
#   bench/reference-vs-mpmath/run.sh            # O6 comparison, then the n = 32 run
#   bench/reference-vs-mpmath/run.sh --quick    # O6 comparison only
# Needs python3-mpmath (Debian) and a built project (this script builds it with Maven when needed).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

python3 -c 'import mpmath' 2>/dev/null || { echo "run.sh: python3-mpmath is needed (apt-get install python3-mpmath)" >&2; exit 2; }
if [ ! -f "$root/target/attnflow.jar" ] || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$root/target/attnflow.jar" -print -quit)" ]; then
  echo "building..." >&2
  mvn -B -q -f "$root/pom.xml" -DskipTests package >&2
fi
java_home="$(sed -n 's/^ *java\.home = //p' "$root/target/java-settings.txt" | head -n 1)"
java="${java_home:+$java_home/bin/}java"
javac="${java_home:+$java_home/bin/}javac"
cp="$root/target/attnflow.jar:$root/target/lib/*"
# compiled once, not launched from source: a source launch compiles the file in the JVM first (about a second)
classes="$root/target/bench-classes"
if [ ! -f "$classes/ReferenceO6.class" ] || [ "$here/ReferenceO6.java" -nt "$classes/ReferenceO6.class" ] || [ "$root/target/attnflow.jar" -nt "$classes/ReferenceO6.class" ]; then
  mkdir -p "$classes" && "$javac" -d "$classes" -cp "$cp" "$here/ReferenceO6.java"
fi
# JVM options for a short arbitrary-precision run: the C1 compiler alone (C2's optimisation of Apfloat's code costs
# more CPU than the whole solve and gains little on it) and the serial collector (no GC threads to start)
short_run_opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
reference() { "$java" "${short_run_opts[@]}" -cp "$classes:$cp" ReferenceO6 "$@"; }

args=(--digits 30 --beta 4 --end 2 --angles 0.3,1.1,2.0,2.9)
echo "== O6, n = 4, beta = 4, T = 2, 30 digits; load: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# End to end: each side a fresh process (Python with its imports, a cold JVM), timed from launch to exit; then the
# reference again 3 times in one JVM for its warm time.
python3 - "$here" "$java" "$classes:$cp" "${short_run_opts[*]}" "${args[@]}" <<'PY'
import json, subprocess, sys, time
from mpmath import mp, mpf
here, java, classpath, opts, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(), sys.argv[5:]
def timed(cmd):
    t0 = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - t0, json.loads(out.strip().splitlines()[-1])
mp_wall, m = timed(["python3", f"{here}/mpmath_o6.py", *args])
ref = lambda threads, repeat, jvm: timed([java, *jvm, "-cp", classpath, "ReferenceO6", *args, "--threads", threads, "--repeat", repeat])
mp.dps = 40
print(f"mpmath odefun, whole process          : {mp_wall:.2f} s wall (odefun itself {m['seconds']:.2f} s)")
for threads, name in (("1", "1 thread "), ("0", "2 threads")):
    for jvm, label in ((opts, "short-run JVM options"), ([], "default JVM options  ")):
        wall, r = ref(threads, "1", jvm)
        print(f"reference {name}, cold JVM, {label}: {wall:.2f} s wall end to end (solve {r['seconds'][0]:.2f} s);"
              f" ratio mpmath/reference end to end: {mp_wall / wall:.1f}x")
    _, r = ref(threads, "3", opts)
    warm = min(r["seconds"][1:])
    print(f"reference {name}, warm (3rd of 3 in one JVM): {warm:.2f} s; ratio odefun/reference: {m['seconds'] / warm:.1f}x;"
          f" steps {r['steps']}+{r['companion_steps']}, evaluations {r['evaluations']}+{r['companion_evaluations']}, error estimate {r['max_error_estimate']}")
diff = max(abs(mpf(a) - mpf(b)) for a, b in zip(m["angles"], r["angles"]))
print(f"max |angle difference| at T between mpmath and the reference: {mp.nstr(diff, 3)}")
PY
[ "${1:-}" = "--quick" ] && exit 0
echo "== M3, n = 32, d = 3, beta = 4, T = 10, 30 digits, uniform start (seed 7), frames every 1" >&2
big_json="$(reference --n 32 --d 3 --seed 7 --digits 30 --beta 4 --end 10 --save-every 1 --threads 0 --repeat 1)"
python3 - "$big_json" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
print(f"reference n = 32, d = 3, T = 10: {r['seconds'][0]:.1f} s wall, {r['cpu_seconds'][0]:.1f} s cpu;"
      f" steps {r['steps']}+{r['companion_steps']}, evaluations {r['evaluations']}+{r['companion_evaluations']},"
      f" error estimate {r['max_error_estimate']}")
PY
