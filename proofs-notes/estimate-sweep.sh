#!/usr/bin/env bash
# The full measurement of the reference's error estimate (issue 13): every digit count FROM..TO (default 20..50) on
# O1 (β = 0.5, 9, 64) and O2 (n = 6, β = 20), to t = 30, every frame against a 70-digit oracle. Prints the table of
# proofs-notes/reference-method.md §3 and the minimum ratio estimate/true error per case (a ratio below 1 is a
# violation). About 3 minutes on 2 cores (load ~3), compile excluded. Usage: proofs-notes/estimate-sweep.sh [FROM TO [CASE 0..3]]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -DskipTests test-compile dependency:copy-dependencies -DincludeScope=test -DoutputDirectory=target/sweep-lib >&2
java_home="$(sed -n 's/^ *java\.home = //p' target/java-settings.txt 2>/dev/null | head -n 1)"
java="${java_home:+$java_home/bin/}java"
"$java" --add-modules jdk.incubator.vector -cp "target/classes:target/test-classes:target/sweep-lib/*" org.attnflow.reference.EstimateSweep "$@" 2> >(grep -v WARNING >&2)
