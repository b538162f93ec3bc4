#!/usr/bin/env bash
# Opens a claims report (DIR/report.html, from ./attnflow claims --out DIR) in Debian's headless chromium, offline,
# and checks what a reader sees:
#   1. the DOM after rendering (--dump-dom): every claim's section, its verdict (holds|violated|inconclusive) and
#      every figure as an inline image (data: URI), no element that loads anything from the network;
#   2. a screenshot at 1300 px (--screenshot): not blank (many distinct colours: figures and verdict colours drawn),
#      and no sideways scrolling: the page's scroll width, measured in the page, is at most the window's width.
# Usage: tools/check-report.sh DIR [SCREENSHOT.png]      (installs chromium and python3-pil with apt-get when missing)
# Exit 0 when every check passes, 1 when one fails (each failure is printed), 2 on bad usage.
set -euo pipefail
dir="${1:?usage: tools/check-report.sh DIR [SCREENSHOT.png]}"
shot="${2:-$dir/report-1300.png}"
report="$dir/report.html"
[ -f "$report" ] || { echo "check-report: no $report" >&2; exit 2; }
[ -f "$dir/claims.json" ] || { echo "check-report: no $dir/claims.json" >&2; exit 2; }

browser="$(command -v chromium || command -v chromium-browser || true)"
# Debian's python3, where the apt package python3-pil lands (a pyenv or venv python3 earlier in PATH may lack it)
py="$(command -v /usr/bin/python3 || command -v python3)"
missing=()
[ -n "$browser" ] || missing+=(chromium)
"$py" -c 'import PIL' 2>/dev/null || missing+=(python3-pil)
if [ ${#missing[@]} -gt 0 ]; then
  echo "check-report: installing ${missing[*]} (Debian packages)..." >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  browser="$(command -v chromium || command -v chromium-browser)"
fi

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync
       --no-first-run --user-data-dir="$profile" --hide-scrollbars)
url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"

# The page measures itself: its scroll width against the window (sideways scrolling) goes into the DOM we dump.
probe="$profile/probe.html"
cat > "$probe" <<HTML
<!DOCTYPE html><html><body style="margin:0"><iframe id="f" src="$url" style="width:1300px;height:900px;border:0"></iframe>
<script>document.getElementById('f').onload=function(){var d=this.contentDocument.documentElement;
document.body.setAttribute('data-scroll-width', d.scrollWidth);document.body.setAttribute('data-client-width', d.clientWidth);};</script>
</body></html>
HTML
"$browser" "${flags[@]}" --window-size=1300,900 --virtual-time-budget=5000 --dump-dom "$url" >"$profile/dom.html" 2>/dev/null
"$browser" "${flags[@]}" --allow-file-access-from-files --window-size=1300,900 --virtual-time-budget=5000 --dump-dom "file://$probe" \
    >"$profile/probed.html" 2>/dev/null
"$browser" "${flags[@]}" --window-size=1300,4000 --virtual-time-budget=5000 --screenshot="$shot" "$url" >/dev/null 2>&1

"$py" - "$dir/claims.json" "$shot" "$profile/dom.html" "$profile/probed.html" <<'PY'
import json, re, sys
claims_file, shot = sys.argv[1], sys.argv[2]
dom, probed = open(sys.argv[3], encoding="utf-8").read(), open(sys.argv[4], encoding="utf-8").read()
claims = json.load(open(claims_file))["claims"]
failures = []
for c in claims:
    m = re.search(r'<section class="claim" id="%s">(.*?)</section>' % re.escape(c["id"]), dom, re.S)
    if not m:
        failures.append("%s: no section in the rendered page" % c["id"]); continue
    body = m.group(1)
    if not re.search(r'class="verdict %s"' % re.escape(c["verdict"]), body):
        failures.append("%s: verdict %s not shown" % (c["id"], c["verdict"]))
    imgs = re.findall(r'<img [^>]*src="data:image/png;base64,', body)
    if len(imgs) != len(c.get("figures", [])):
        failures.append("%s: %d inline figures, claims.json lists %d" % (c["id"], len(imgs), len(c.get("figures", []))))
    for key in ("what the paper reports", "what we measure", "verdict criterion", "runs", "seeds"):
        if "<th>%s</th>" % key not in body:
            failures.append("%s: evidence table has no row '%s'" % (c["id"], key))
    if "<details>" not in body:
        failures.append("%s: the raw JSON is not one click away" % c["id"])
remote = re.findall(r'(?:src|href)="(?:https?:)?//[^"]+"', dom)
if remote: failures.append("the page loads from the network: %s" % remote[:3])
sw = re.search(r'data-scroll-width="(\d+)"', probed); cw = re.search(r'data-client-width="(\d+)"', probed)
if not (sw and cw): failures.append("could not measure the page's width")
elif int(sw.group(1)) > int(cw.group(1)): failures.append("sideways scrolling at 1300 px: content %s px wide in %s px" % (sw.group(1), cw.group(1)))
try:
    from PIL import Image
    img = Image.open(shot).convert("RGB").resize((130, 400))
    colours = len(set(img.getdata()))
    if colours < 200: failures.append("screenshot looks blank: %d distinct colours" % colours)
    shot_note = "%d distinct colours" % colours
except ImportError:
    import os
    size = os.path.getsize(shot)
    if size < 100_000: failures.append("screenshot %s is only %d bytes: blank?" % (shot, size))
    shot_note = "%d bytes (python3-pil missing: size check only)" % size
if failures:
    for f in failures: print("check-report: FAIL: " + f)
    sys.exit(1)
print("check-report: ok: %d claims, every verdict and figure rendered, offline, %s px wide at 1300 px, screenshot %s (%s)"
      % (len(claims), sw.group(1), shot, shot_note))
PY
