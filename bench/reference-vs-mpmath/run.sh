#!/usr/bin/env bash
# Benchmark: the arbitrary-precision reference against mpmath's odefun on the causal circle model O6
# (n = 4, beta = 4, T = 2, 30 digits), in one go, then the reference alone on n = 32, d = 3 to T = 10.
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
cp="$root/target/attnflow.jar:$root/target/lib/*"
reference() { "$java" -cp "$cp" "$here/ReferenceO6.java" "$@"; }

args=(--digits 30 --beta 4 --end 2 --angles 0.3,1.1,2.0,2.9)
echo "== O6, n = 4, beta = 4, T = 2, 30 digits" >&2
mp_json="$(python3 "$here/mpmath_o6.py" "${args[@]}")"
ref1_json="$(reference "${args[@]}" --threads 1 --repeat 3)"
ref2_json="$(reference "${args[@]}" --threads 0 --repeat 3)"
python3 - "$mp_json" "$ref1_json" "$ref2_json" <<'PY'
import json, sys
from mpmath import mp, mpf
mp.dps = 40
m, r1, r2 = (json.loads(a) for a in sys.argv[1:])
diff = max(abs(mpf(a) - mpf(b)) for a, b in zip(m["angles"], r1["angles"]))
print(f"mpmath odefun         : {m['seconds']:.2f} s wall, {m['cpu_seconds']:.2f} s cpu")
for r, name in ((r1, "1 thread "), (r2, "2 threads")):
    cold, warm = r["seconds"][0], min(r["seconds"][1:])
    ccold, cwarm = r["cpu_seconds"][0], min(r["cpu_seconds"][1:])
    print(f"reference, {name}  : {cold:.2f} s wall first run (JIT warm-up), {warm:.2f} s warm; cpu {ccold:.2f} / {cwarm:.2f} s;"
          f" steps {r['steps']}+{r['companion_steps']}, evaluations {r['evaluations']}+{r['companion_evaluations']},"
          f" error estimate {r['max_error_estimate']}")
    print(f"  ratio mpmath/reference: wall {m['seconds']/cold:.1f}x first run, {m['seconds']/warm:.1f}x warm;"
          f" cpu {m['cpu_seconds']/ccold:.1f}x first run, {m['cpu_seconds']/cwarm:.1f}x warm")
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
