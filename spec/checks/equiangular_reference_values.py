#!/usr/bin/env python3
"""30-digit values of the equiangular reductions (math.md §7.3), by mpmath's Taylor ODE solver.
Case: softmax, n = 3, beta = 1, r0 = 1.5, alpha = 0.5 (nGPT), tau = 0.5 (Mix-LN), T = 2."""
import mpmath as mp
mp.mp.dps = 40
n, beta, r0, alpha, tau, T = 3, mp.mpf(1), mp.mpf('1.5'), mp.mpf('0.5'), mp.mpf('0.5'), mp.mpf(2)
def parts(g):
    Z = mp.e**beta + (n - 1) * mp.e**(beta * g); a = mp.e**beta / Z; b = mp.e**(beta * g) / Z
    F = b * (1 - g) * (1 + (n - 1) * g); G = a + (n - 1) * b * g
    M = mp.sqrt(a * a + 2 * (n - 1) * a * b * g + (n - 1) * b * b * (1 + (n - 2) * g))
    return F, G, M
def rhs(scheme):
    def f(t, y):
        g, r = y; F, G, M = parts(g)
        return {"post": [2*F, 0], "pre": [2*F/r, G], "peri": [2*F/(r*M), G/M], "ngpt": [2*alpha*F/M, 0],
                "ln-scaling": [2*F/mp.sqrt(t+1), 0], "mixpost": [2*F, 0], "mixpre": [2*F/r, G]}[scheme]
    return f
out = {}
for s in ["post", "pre", "peri", "ngpt", "ln-scaling"]:
    sol = mp.odefun(rhs(s), 0, [mp.mpf(0), r0])
    out[s] = sol(T)
s1 = mp.odefun(rhs("mixpost"), 0, [mp.mpf(0), r0]); y = s1(tau)
s2 = mp.odefun(rhs("mixpre"), tau, y); out["mix"] = s2(T)
for s, (g, r) in out.items():
    print(f"{s:11s} gamma(2) = {mp.nstr(g, 32)}   r(2) = {mp.nstr(r, 32)}")
