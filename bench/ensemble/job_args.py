"""Prints the arguments of fig3_numpy.py / fig3_torch.py for a sweep file: its beta values (comma-separated),
seeds per beta and end time, so that the peers run the same job as `attnflow sweep` (run.sh, steady.sh).
Explicit beta lists and {from, to, step} ranges only; the scripts' fixed part of the job (circle n = 32, S1 Euler
h = 0.1) is checked against the file. Usage: job_args.py SWEEP_FILE"""
import json, sys

s = json.load(open(sys.argv[1]))
fixed = (s["base"]["initial"]["n"], s["base"]["initial"]["d"], s["base"]["solver"]["method"], float(s["base"]["solver"]["step"]))
if fixed != (32, 2, "euler-postln", 0.1):
    sys.exit(f"job_args.py: {sys.argv[1]} is not the job the peers compute (n = 32, d = 2, euler-postln, step 0.1): {fixed}")
b = s["axes"]["beta"]
if isinstance(b, dict):
    k = int(round((b["to"] - b["from"]) / b["step"]))
    b = [round(b["from"] + i * b["step"], 10) for i in range(k + 1)]
print(",".join(str(float(x)) for x in b), s["axes"]["seeds"]["count"], s["base"]["time"]["end"])
