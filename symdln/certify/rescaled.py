r"""Certified limits of the discrete iterates at rescaled times :math:`t = \lfloor\delta\tau\rfloor`.

Initialisation of Cor. 3 of paper 1: both layers start at :math:`e^{-\delta}`, so the
product starts at :math:`w_0 = e^{-2\delta}` and :math:`u_0 = e^{2\delta} - c`
(:math:`u = 1/w - c`, :math:`c = \lambda/\sigma`, :math:`s = \eta\sigma`).  With
:math:`\tau^* = 1/\log(1+s)`:

* :func:`limit_zero_certificate` -- for :math:`\tau < \tau^*`: an explicit
  :math:`\kappa > 0` and :math:`\delta_0` with :math:`w_{\lfloor\delta\tau\rfloor} \le 2e^{-\kappa\delta}`
  for all :math:`\delta \ge \delta_0`.  Lemma: if u_k >= U (i.e. w_k <= 1/(U+c)) for k < t then
  :math:`\rho(e_k) \ge \rho_U := \rho_s(sU/(U+c))` (rho is increasing), so
  :math:`u_t \ge u_0\rho_U^t`; hence if :math:`u_0\rho_U^{t} \ge U` every
  :math:`u_k \ge U` (induction) and :math:`w_t \le 1/u_t`.  With
  :math:`\kappa = 2 + \tau\log\rho_U`: :math:`u_0\rho_U^{\delta\tau} = e^{\kappa\delta}(1 - ce^{-2\delta})`.
* :func:`limit_one_certificate` -- for :math:`\tau > \tau^*`: the corrected lower
  bound :math:`w_t \ge 1/(u_0(1+s)^{-2t} + c)` and
  :math:`u_0(1+s)^{-2\lfloor\delta\tau\rfloor} \le (1+s)^2e^{-\kappa'\delta}`,
  :math:`\kappa' = 2\tau\log(1+s) - 2 > 0`, so :math:`w_t \to 1/c = \sigma/\lambda`.

>>> limit_zero_certificate("1/4", "1", "4")["kappa > 0"]
True
>>> limit_one_certificate("1/4", "5")["kappa' > 0"]
True
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import flint

__all__ = ["half_rise_window", "limit_one_certificate", "limit_zero_certificate", "threshold"]


def _q(x: object) -> flint.arb:
    f = x if isinstance(x, Fraction) else Fraction(str(x))
    return flint.arb(flint.fmpq(f.numerator, f.denominator))


def threshold(s: object, prec: int = 128) -> flint.arb:
    r"""Enclosure of the rescaled transition time :math:`\tau^* = 1/\log(1+s)`."""
    with flint.ctx.workprec(prec):
        return 1 / (1 + _q(s)).log()


def limit_zero_certificate(s: object, c: object, tau: object, prec: int = 128,
                           max_doublings: int = 40) -> dict[str, Any] | None:
    r"""Certify :math:`w_{\lfloor\delta\tau\rfloor} \to 0` as :math:`\delta\to\infty` (see module doc).

    Tries :math:`U = 2^k c`, k = 1, 2, ..., until :math:`\kappa = 2 + \tau\log\rho_U > 0`
    is certified; returns the certificate (kappa, U, delta_0) or ``None``.
    """
    with flint.ctx.workprec(prec):
        S, C, T = _q(s), _q(c), _q(tau)
        for k in range(1, max_doublings + 1):
            U = C * 2**k
            y = S * U / (U + C)
            rho = 1 - S * (2 + y) / ((1 + y) * (1 + y))
            kappa = 2 + T * rho.log()
            if kappa > 0:
                # delta_0: e^{kappa delta}(1 - c e^{-2 delta}) >= U and c e^{-2 delta} <= 1/2
                d0 = max(((2 * U).log() / kappa).upper(), ((2 * C).log() / 2).upper(), flint.arb(0))
                return {"kappa > 0": True, "kappa": str(kappa.lower()), "U": f"2^{k} c",
                        "delta_0": str(d0),
                        "bound": "w_floor(delta tau) <= 2 exp(-kappa delta), delta >= delta_0",
                        "precision": f"{prec} bits"}
    return None


def limit_one_certificate(s: object, tau: object, prec: int = 128) -> dict[str, Any] | None:
    r"""Certify :math:`w_{\lfloor\delta\tau\rfloor} \to \sigma/\lambda` (see module doc); ``None`` if
    :math:`\kappa' = 2\tau\log(1+s) - 2 > 0` cannot be certified."""
    with flint.ctx.workprec(prec):
        kappa = 2 * _q(tau) * (1 + _q(s)).log() - 2
        if kappa > 0:
            return {"kappa' > 0": True, "kappa'": str(kappa.lower()),
                    "bound": "1/(c + (1+s)^2 exp(-kappa' delta)) <= w_floor(delta tau) <= 1/c",
                    "precision": f"{prec} bits"}
    return None


def half_rise_window(s: object, c: object, prec: int = 128) -> dict[str, Any]:
    r"""Proved window for the half-rise step :math:`t_h = \min\{t: w_t \ge \sigma/(2\lambda)\}`
    (i.e. :math:`u_t \le c`) with :math:`u_0 = e^{2\delta} - c`, valid for
    :math:`\delta \ge \log(2c)/2`:

    .. math:: \frac{\delta}{\log(1+s)} - C_- \le t_h \le \frac{\delta}{\log(1+s)} + C_+,

    :math:`C_+ = 1 - \log c/(2\log(1+s))` (from :math:`u_t \le u_0(1+s)^{-2t}`) and
    :math:`C_- = (\log 2 + \log c + K)/(2\log(1+s))`, :math:`K = 3s^2(1+s)^2/(2m(1-q))`,
    :math:`m = 1 - \tfrac32 s^2(1+s)^2`, :math:`q = (1+s/2)^{-2}` (from
    :math:`\rho_k \ge (1+s)^{-2}(1 - 3s^2c(1+s)^2 w_k)`, :math:`w_k < 1/(2c)` and
    :math:`w_{k+1} \ge (1+s/2)^2 w_k` before the half-rise).  So
    :math:`t_h = \delta/\log(1+\eta\sigma) + O(1)`.

    >>> win = half_rise_window("1/10", "1")
    >>> float(win["C_minus"].upper()) < 5 and float(win["C_plus"].upper()) <= 1
    True
    """
    with flint.ctx.workprec(prec):
        S, C = _q(s), _q(c)
        L = (1 + S).log()
        m = 1 - S * S * (1 + S) ** 2 * 3 / 2
        q = 1 / ((1 + S / 2) ** 2)
        if not (m > 0 and q < 1):  # pragma: no cover - true for 0 < s < 1/2
            raise ArithmeticError("window constants undefined")
        K = 3 * S * S * (1 + S) ** 2 / (2 * m * (1 - q))
        c_plus = 1 - C.log() / (2 * L)
        c_minus = (flint.arb(2).log() + C.log() + K) / (2 * L)
        return {"C_plus": c_plus, "C_minus": c_minus, "K": K, "delta_min": (2 * C).log() / 2,
                "1/log(1+s)": 1 / L}
