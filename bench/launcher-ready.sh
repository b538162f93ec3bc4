# Sourced by the bench scripts that time `./attnflow` end to end: builds the jar when needed and, on JDK 25+, lets the
# launcher's ahead-of-time cache training (started in the background on a jar's first use) finish BEFORE any timing,
# so that it neither competes for the cores with the timed runs nor is missing from them. Waits at most 300 s.
# Usage: . "$root/bench/launcher-ready.sh"   (with $root the repository)
"$root/attnflow" --version >/dev/null # builds the jar when needed (this command never trains)
if [ "${ATTNFLOW_AOT:-1}" != 0 ]; then
  "$root/attnflow" definitely-not-a-command >/dev/null 2>&1 || true # any other launch starts the training when no cache exists
  for _ in $(seq 300); do
    compgen -G "$root/target/aot/*.lock" >/dev/null || break
    sleep 1
  done
fi
