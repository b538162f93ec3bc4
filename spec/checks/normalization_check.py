#!/usr/bin/env python3
"""Independent numerical checks of spec/math.md §7.3 (equiangular reductions) and §8.7/§9.2 (Fourier-Bessel).

N-body side: n tokens theta_i in R^d (d = n + 1, a random orthonormal frame, seeded), radii r_i,
Q = K = V = I, integrated with scipy DOP853 at rtol 1e-13 in the variables (theta, r) exactly as
the scheme's continuous system states them (no use of the reduction).
Scalar side: the (gamma, r) ODEs of math.md §7.3, integrated separately.
Also: the t(gamma) quadrature forms, the initial velocities of thm: symmetric, late-time rates,
and the Fourier-Bessel tail bound of math.md §8.7.
"""
import math, sys
import numpy as np
from scipy.integrate import solve_ivp
import mpmath as mp

RTOL, ATOL = 1e-13, 1e-15

def weights_Z(S, beta, norm, n):
    E = np.exp(beta * S)
    if norm == "softmax":
        return E / E.sum(axis=1, keepdims=True)
    if norm == "mean":            # = count-n for a full mask
        return E / n
    if norm == "none":
        return E
    raise ValueError(norm)

def speed_and_rdot(scheme, t, th, r, A, alpha, tau):
    """s_k (speed factor) and r_k' for each token, as in math.md §7.2."""
    tA = np.einsum("kd,kd->k", th, A)            # <theta_k, A_k>
    nA = np.linalg.norm(A, axis=1)
    one = np.ones_like(r)
    if scheme == "post":  return one, 0 * r
    if scheme == "pre":   return r, tA
    if scheme == "peri":  return r * nA, tA / nA
    if scheme == "ngpt":  return nA / alpha, 0 * r
    if scheme == "mix":   return (one, 0 * r) if t <= tau else (r, tA)
    if scheme == "lnscale": return math.sqrt(t + 1) * one, 0 * r
    raise ValueError(scheme)

def nbody_rhs(scheme, n, d, beta, norm, alpha, tau):
    def f(t, y):
        th = y[: n * d].reshape(n, d); r = y[n * d:]
        W = weights_Z(th @ th.T, beta, norm, n)
        A = W @ th                                  # V = I, read at theta
        s, rd = speed_and_rdot(scheme, t, th, r, A, alpha, tau)
        tA = np.einsum("kd,kd->k", th, A)
        thd = (A - tA[:, None] * th) / s[:, None]
        return np.concatenate([thd.ravel(), rd])
    return f

def abZ(g, beta, norm, n):
    if norm == "softmax": Z = math.exp(beta) + (n - 1) * math.exp(beta * g)
    elif norm == "mean":  Z = n
    else:                 Z = 1.0
    return math.exp(beta) / Z, math.exp(beta * g) / Z

def FGN(g, beta, norm, n):
    a, b = abZ(g, beta, norm, n)
    F = b * (1 - g) * (1 + (n - 1) * g)
    G = a + (n - 1) * b * g
    N = a * a + 2 * a * b * (n - 1) * g + b * b * (n - 1) * (1 + (n - 2) * g)
    return F, G, math.sqrt(N)

def scalar_rhs(scheme, n, beta, norm, alpha, tau):
    def f(t, y):
        g, r = y
        F, G, nA = FGN(g, beta, norm, n)
        if scheme == "post": return [2 * F, 0.0]
        if scheme == "pre":  return [2 * F / r, G]
        if scheme == "peri": return [2 * F / (r * nA), G / nA]
        if scheme == "ngpt": return [2 * alpha * F / nA, 0.0]
        if scheme == "mix":  return [2 * F, 0.0] if t <= tau else [2 * F / r, G]
        if scheme == "lnscale": return [2 * F / math.sqrt(t + 1), 0.0]
    return f

def check(scheme, n, beta, norm, r0=1.0, alpha=0.7, tau=0.8, T=3.0, seed=1):
    d = n + 1
    rng = np.random.default_rng(seed)
    U, _ = np.linalg.qr(rng.standard_normal((d, d)))
    th0 = U[:, :n].T.copy()                          # orthonormal rows
    y0 = np.concatenate([th0.ravel(), r0 * np.ones(n)])
    ts = np.linspace(0, T, 13)
    kw = dict(method="DOP853", rtol=RTOL, atol=ATOL, t_eval=ts)
    if scheme == "mix":  # step exactly onto the switch, as integrators must
        a = solve_ivp(nbody_rhs(scheme, n, d, beta, norm, alpha, tau), (0, tau), y0, method="DOP853", rtol=RTOL, atol=ATOL)
        b = solve_ivp(nbody_rhs(scheme, n, d, beta, norm, alpha, tau), (tau, T), a.y[:, -1], method="DOP853", rtol=RTOL, atol=ATOL, t_eval=ts[ts > tau])
        sa = solve_ivp(scalar_rhs(scheme, n, beta, norm, alpha, tau), (0, tau), [0.0, r0], method="DOP853", rtol=RTOL, atol=ATOL)
        sb = solve_ivp(scalar_rhs(scheme, n, beta, norm, alpha, tau), (tau, T), sa.y[:, -1], method="DOP853", rtol=RTOL, atol=ATOL, t_eval=ts[ts > tau])
        Y, S = b.y, sb.y
    else:
        Y = solve_ivp(nbody_rhs(scheme, n, d, beta, norm, alpha, tau), (0, T), y0, **kw).y
        S = solve_ivp(scalar_rhs(scheme, n, beta, norm, alpha, tau), (0, T), [0.0, r0], **kw).y
    err = 0.0; spread = 0.0
    for k in range(Y.shape[1]):
        th = Y[: n * d, k].reshape(n, d); r = Y[n * d:, k]
        Gm = th @ th.T
        off = Gm[~np.eye(n, dtype=bool)]
        spread = max(spread, off.max() - off.min(), r.max() - r.min())
        err = max(err, np.abs(off - S[0, k]).max(), np.abs(r - S[1, k]).max(),
                  np.abs(np.diag(Gm) - 1).max())
    return err, spread, S[0, -1], S[1, -1]

def main():
    worst = 0.0
    print("scheme   norm     n  beta   r0   max|Nbody-scalar|  pair/radius spread  gamma(T)   r(T)")
    for scheme in ["post", "pre", "peri", "ngpt", "mix", "lnscale"]:
        for norm in ["softmax", "mean", "none"]:
            for n, beta, r0 in [(2, 0.0, 1.0), (3, 1.0, 1.0), (5, 4.0, 2.5), (4, 0.5, 0.3)]:
                if norm == "none" and beta > 1.0 and scheme in ("pre", "mix"):
                    pass
                e, sp, g, r = check(scheme, n, beta, norm, r0=r0, T=2.0 if norm == "none" else 3.0)
                worst = max(worst, e)
                print(f"{scheme:8s} {norm:8s} {n:2d} {beta:5.1f} {r0:4.1f}   {e:10.2e}        {sp:10.2e}      {g:.6f}  {r:.6f}")
    print("WORST", worst)
    assert worst < 1e-10, worst

    # thm: symmetric (initial velocities), softmax, Q = K = V = I
    print("\ninitial velocities gamma'(0) (softmax): formula vs scalar field")
    for n, beta, r0, alpha in [(2, 1.0, 1.0, 0.5), (7, 3.0, 2.0, 0.2)]:
        e = math.exp(beta)
        formula = {"post": 2 / (e + n - 1), "pre": 2 / (r0 * (e + n - 1)),
                   "peri": 2 / (r0 * math.sqrt(e * e + n - 1)), "ngpt": 2 * alpha / math.sqrt(e * e + n - 1),
                   "lnscale": 2 / (e + n - 1)}
        for sch, v in formula.items():
            got = scalar_rhs(sch, n, beta, "softmax", alpha, 1.0)(0.0, [0.0, r0])[0]
            print(f"  n={n} beta={beta} {sch:8s} {v:.15g} {got:.15g}")
            assert abs(v - got) < 1e-15 * max(1, v)

    # the (gamma, r) orbit of pre and peri is the same curve r(gamma) = r0 exp(int_0^gamma G/(2F))
    print("\nr(gamma) for pre and peri vs quadrature; t(gamma) vs quadrature")
    mp.mp.dps = 30
    for sch in ["pre", "peri"]:
        n, beta, r0 = 4, 2.0, 1.5
        sol = solve_ivp(scalar_rhs(sch, n, beta, "softmax", 1, 1), (0, 4.0), [0.0, r0], method="DOP853", rtol=1e-13, atol=1e-15, dense_output=True)
        t = 4.0; g, r = sol.sol(t)
        def Fm(x, q):
            x = mp.mpf(x); a = mp.e**beta / (mp.e**beta + (n-1)*mp.e**(beta*x)); b = mp.e**(beta*x)/(mp.e**beta + (n-1)*mp.e**(beta*x))
            F = b*(1-x)*(1+(n-1)*x); G = a + (n-1)*b*x; N = mp.sqrt(a*a + 2*a*b*(n-1)*x + b*b*(n-1)*(1+(n-2)*x))
            return {"F": F, "G": G, "N": N}[q]
        H = lambda x: mp.quad(lambda u: Fm(u, "G") / (2 * Fm(u, "F")), [0, x])
        r_q = r0 * mp.e**H(g)
        if sch == "pre":
            t_q = mp.quad(lambda u: r0 * mp.e**H(u) / (2 * Fm(u, "F")), [0, g])
        else:
            t_q = mp.quad(lambda u: r0 * mp.e**H(u) * Fm(u, "N") / (2 * Fm(u, "F")), [0, g])
        print(f"  {sch}: gamma(4)={g:.12f} r={r:.12f} r_quad={float(r_q):.12f} t_quad={float(t_q):.12f}")
        assert abs(r - float(r_q)) < 1e-9 and abs(4.0 - float(t_q)) < 1e-8

    # late-time rates (softmax), integrated in w = ln(1 - gamma) to keep relative digits:
    # 1 - gamma ~ e^{-2t} post, ~ t^{-2} pre/peri/mix, e^{-2 alpha t} ngpt, e^{-4 sqrt(t+1)} lnscale
    print("\nlate-time local exponents (softmax, n = 4, beta = 1, r0 = 1, alpha = 0.5, mix tau = 0.5)")
    n, beta, alpha, tau = 4, 1.0, 0.5, 0.5
    def wrhs(sch):
        def f(t, y):
            w, r = y; g = 1 - math.exp(w)
            a, b = abZ(g, beta, "softmax", n)
            F1 = b * (1 + (n - 1) * g)             # F / (1 - gamma)
            _, G, nA = FGN(g, beta, "softmax", n)
            s = {"post": 1.0, "pre": r, "peri": r * nA, "ngpt": nA / alpha,
                 "mix": 1.0 if t <= tau else r, "lnscale": math.sqrt(t + 1)}[sch]
            rd = {"pre": G, "peri": G / nA, "mix": 0.0 if t <= tau else G}.get(sch, 0.0)
            return [-2 * F1 / s, rd]
        return f
    for sch in ["post", "pre", "peri", "ngpt", "mix", "lnscale"]:
        Tend = {"post": 60, "ngpt": 120, "lnscale": 400}.get(sch, 1e6)
        sol = solve_ivp(wrhs(sch), (0, Tend), [math.log(1.0), 1.0], method="DOP853", rtol=1e-12, atol=1e-14, dense_output=True)
        # gamma(0) = 0 means w(0) = ln 1 = 0
        t1, t2 = 0.5 * Tend, Tend
        w1, w2 = sol.sol(t1)[0], sol.sol(t2)[0]
        if sch in ("post", "ngpt"):
            v, pred = -(w2 - w1) / (t2 - t1), (2 if sch == "post" else 2 * alpha)
            print(f"  {sch:8s} -d ln(1-g)/dt        = {v:.6f} (predicted {pred})")
        elif sch == "lnscale":
            v = -(w2 - w1) / (math.sqrt(t2 + 1) - math.sqrt(t1 + 1))
            print(f"  {sch:8s} -d ln(1-g)/d sqrt(t+1) = {v:.6f} (predicted 4)")
        else:
            r2 = sol.sol(t2)[1]
            v = -(w2 - w1) / (math.log(t2) - math.log(t1))
            print(f"  {sch:8s} -d ln(1-g)/d ln t     = {v:.6f} (predicted 2), r(T)/T = {r2/t2:.6f} (predicted 1)")

    # Fourier-Bessel: I_k(b) <= (b/2)^k/k! e^{b^2/(4(k+1))}; I_{k+1} <= b/(2(k+1)) I_k; tail bound
    print("\nFourier-Bessel bounds")
    mp.mp.dps = 40
    worst_ratio = 0
    for beta in [0.1, 1, 4, 9, 20, 64, 100, 300]:
        for p in sorted(set([int(beta/2), int(beta), int(2*beta), int(3*beta)+5, 10, 40, 120, 400])):
            if p + 2 <= beta / 2: continue
            I = lambda k: mp.besseli(k, beta)
            single_ok = all(I(k) <= (mp.mpf(beta)/2)**k / mp.factorial(k) * mp.e**(mp.mpf(beta)**2/(4*(k+1))) for k in range(p, p+5))
            ratio_ok = all(I(k+1) <= mp.mpf(beta)/(2*(k+1)) * I(k) for k in range(p, p+5))
            tail = mp.nsum(lambda k: I(k), [p+1, mp.inf])
            q = mp.mpf(beta) / (2*(p+2))
            bound = (mp.mpf(beta)/2)**(p+1) / mp.factorial(p+1) * mp.e**(mp.mpf(beta)**2/(4*(p+2))) / (1 - q)
            assert single_ok and ratio_ok and tail <= bound, (beta, p)
            worst_ratio = max(worst_ratio, float(bound / tail))
        # expansion identity at a few angles
        for th in [0.0, 0.7, math.pi]:
            P = int(3 * beta) + 40
            s = mp.besseli(0, beta) + 2 * mp.fsum(mp.besseli(k, beta) * mp.cos(k * mp.mpf(th)) for k in range(1, P))
            assert abs(s - mp.e**(beta * mp.cos(th))) < mp.mpf(10)**(-25) * mp.e**beta
    print("  all bounds hold; largest bound/true-tail ratio over the grid:", f"{worst_ratio:.3g}")
    print("OK")

if __name__ == "__main__":
    main()

# ---------------------------------------------------------------------------------------------
# Extra checks for math.md §8.7 (field error of the truncated expansion, the 2x2 decomposition)
# and §7.4 (the public pre-LN radius update is not rotation equivariant). Run: python3 -c
# "import normalization_check as m; m.extra()"
def extra():
    from scipy.special import ive
    rng = np.random.default_rng(7)
    # 1. truncated Fourier-Bessel field vs direct field, with the a-posteriori bound
    for n, beta in [(50, 4.0), (400, 20.0), (2000, 64.0), (1000, 100.0)]:
        phi = rng.uniform(0, 2 * np.pi, n)
        D = phi[None, :] - phi[:, None]
        Kt = np.exp(beta * (np.cos(D) - 1))
        Zt = Kt.sum(1); Nt = (Kt * np.exp(1j * phi)[None, :]).sum(1); v = Nt / Zt
        for p in [int(beta) // 2 + 2, int(beta) + 5, int(1.5 * beta) + 10]:
            k = np.arange(1, p + 1); Ik = ive(k, beta); I0 = ive(0, beta)
            S = lambda m: np.exp(1j * np.outer(m, phi)).sum(1)      # moments S_m
            Sk = S(k); Skp1 = S(k + 1); S1mk = S(1 - k); S1 = S(np.array([1]))[0]
            e = np.exp(-1j * np.outer(k, phi)); ep = np.conj(e)
            Zp = n * I0 + 2 * (Ik[:, None] * (e * Sk[:, None]).real).sum(0)
            Np = I0 * S1 + (Ik[:, None] * (e * Skp1[:, None] + ep * S1mk[:, None])).sum(0)
            vp = Np / Zp
            # FB2 scaled tail bound
            kk = np.arange(0, p + 2) + 0.5
            rho = beta / (kk + np.sqrt(kk * kk + beta * beta))
            tail = np.prod(rho[: p + 1]) / (1 - rho[p + 1])
            bound = 4 * n * tail / Zp
            err = np.abs(v - vp)
            ok = np.all(err <= bound + 1e-13)
            print(f"  n={n:5d} beta={beta:5.1f} p={p:4d}  max|v - v_p| = {err.max():.3e}   bound (max) = {bound.max():.3e}  {'ok' if ok else 'VIOLATED'}")
            assert ok
    # 2. x_i^T B x_j = lam cos(phi_i - phi_j - psi) + mu cos(phi_i + phi_j - eps)
    for _ in range(5):
        B = rng.standard_normal((2, 2)); a, b, c, d = B.ravel()
        lam = 0.5 * math.hypot(a + d, c - b); psi = math.atan2(c - b, a + d)
        mu = 0.5 * math.hypot(a - d, b + c); eps = math.atan2(b + c, a - d)
        for _ in range(5):
            p1, p2 = rng.uniform(0, 2 * np.pi, 2)
            xi = np.array([math.cos(p1), math.sin(p1)]); xj = np.array([math.cos(p2), math.sin(p2)])
            lhs = xi @ B @ xj
            rhs = lam * math.cos(p1 - p2 - psi) + mu * math.cos(p1 + p2 - eps)
            assert abs(lhs - rhs) < 1e-12, (lhs, rhs)
    print("  2x2 decomposition: lambda = |(B11+B22, B21-B12)|/2, psi = atan2(B21-B12, B11+B22);"
          " mu = |(B11-B22, B12+B21)|/2, eps = atan2(B12+B21, B11-B22): ok")
    # 3. public pre-LN radius update r <- r(1 + h sum_c A_c) is not rotation equivariant; paper's r + h<theta,A> is
    n, d, beta, h = 4, 3, 1.0, 0.1
    th = rng.standard_normal((n, d)); th /= np.linalg.norm(th, axis=1, keepdims=True); r = np.ones(n)
    R, _ = np.linalg.qr(rng.standard_normal((d, d)))
    def A_of(th):
        W = np.exp(beta * th @ th.T); W /= W.sum(1, keepdims=True); return W @ th
    for name, upd in [("paper  r + h<theta,A>", lambda th, r: r + h * np.einsum('kd,kd->k', th, A_of(th))),
                      ("public r + h r sum_c A_c", lambda th, r: r + h * r * A_of(th).sum(1))]:
        print(f"  {name}: radii change under a common rotation by {np.abs(upd(th, r) - upd(th @ R.T, r)).max():.2e}")
    print("EXTRA OK")

# ---------------------------------------------------------------------------------------------
# math.md §9.2: the FB2 ratio bound on a wide grid, and the table "least p with e^{-beta} T_p <= eps".
# Run: python3 -c "import normalization_check as m; m.fb_tables()"   (~1-2 min)
def fb_tables():
    mp.mp.dps = 60
    def rho(beta, k):
        b = mp.mpf(beta); v = k + mp.mpf(1) / 2
        return b / (v + mp.sqrt(v * v + b * b))
    bad = 0
    for beta in [0.01, 0.5, 1, 4, 9, 20, 64, 100, 300, 1000, 3000]:
        for k in list(range(0, 60)) + [100, 200, 500, 1000, 2000]:
            if not mp.besseli(k + 1, beta) / mp.besseli(k, beta) < rho(beta, k):
                bad += 1
    print("  FB2 ratio-bound violations on the grid:", bad)
    assert bad == 0
    def exact(beta, p):   # e^{-beta} * sum_{k>p} I_k(beta)
        return mp.e**(-beta) * mp.nsum(lambda k: mp.besseli(k, beta), [p + 1, mp.inf])
    def fb2(beta, p):
        lg = sum(mp.log(rho(beta, j)) for j in range(p + 1))
        return mp.e**lg / (1 - rho(beta, p + 1))
    def fb1(beta, p):
        b = mp.mpf(beta); q = b / (2 * (p + 2))
        if q >= 1: return mp.inf
        return mp.e**(-b) * (b / 2)**(p + 1) / mp.factorial(p + 1) * mp.e**(b * b / (4 * (p + 2))) / (1 - q)
    def fb2post(beta, p):  # a posteriori: the computed scaled I_{p+1} over 1 - rho_{p+1}
        return mp.e**(-mp.mpf(beta)) * mp.besseli(p + 1, beta) / (1 - rho(beta, p + 1))
    print("  beta   eps    exact  FB2  FB2post  FB1")
    for beta, eps in [(4, 1e-17), (64, 1e-17), (100, 1e-17), (300, 1e-17), (64, 1e-30), (100, 1e-30)]:
        row = []
        for f in (exact, fb2, fb2post, fb1):
            p = 0
            while not f(beta, p) <= eps: p += 1
            row.append(p)
        print(f"  {beta:4d} {eps:7.0e} {row[0]:6d} {row[1]:4d} {row[2]:7d} {row[3]:4d}")
        assert min(row[1:]) >= row[0]
    print("FB TABLES OK")
