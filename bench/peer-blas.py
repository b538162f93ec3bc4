#!/usr/bin/env python3
"""Prints, on one line, the version of NumPy or of PyTorch that a peer script would use and the BLAS library it
actually loads (read from /proc/self/maps after a small matrix product): the peers' speed at d >= 16 depends on it more than
on anything else. Debian's python3-numpy and python3-torch take whatever libblas.so.3 the system's alternatives
point at: the reference BLAS of libblas3 unless an optimised one (libopenblas0-pthread) is installed; pip's NumPy
ships its own OpenBLAS. Usage: python3 peer-blas.py numpy|torch (one per process: a library
the first import loaded would be counted for the second)"""
import os
import sys


def blas_libraries():
    names = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            base = os.path.basename(path).lower()
            if ".so" in base and ("blas" in base or "mkl" in base):
                names.add(path)
    return names


def describe(module):
    """One peer module's version and the BLAS libraries that importing it and one float64 product loaded."""
    try:
        if module == "numpy":
            import numpy as lib
            a = lib.ones((64, 64))
        else:
            import torch as lib
            a = lib.ones(64, 64, dtype=lib.float64)
        a @ a
    except Exception as e:  # not installed, or a broken install: one line either way
        return "%s: not importable (%s)" % (module, type(e).__name__)
    names = blas_libraries()
    line = "%s %s (BLAS: %s)" % (module, lib.__version__, ", ".join(sorted(names)) or "no BLAS shared library mapped: built in or static")
    if names and not any(tuned in os.path.basename(n).lower() or tuned in n.lower() for n in names for tuned in TUNED):
        line += " REFERENCE BLAS: unoptimised, ratios against this peer overstate attnflow (apt-get install libopenblas0-pthread)"
        print("peer-blas.py: %s runs on the reference BLAS (%s); install libopenblas0-pthread for the peers users have"
              % (module, ", ".join(sorted(names))), file=sys.stderr)
    return line


# an optimised BLAS names itself in its file or directory name; Debian's reference BLAS is .../blas/libblas.so.3
TUNED = ("openblas", "mkl", "blis", "atlas", "accelerate")


if __name__ == "__main__":
    print(describe(sys.argv[1] if len(sys.argv) > 1 else "numpy"))
