r"""Rendering shared by the HTML report and the erratum: the registry's SymPy objects as LaTeX and
MathML, text escaped for HTML and for LaTeX, and what a claim run says about its counterexample and
its proof.

* :func:`to_latex` -- SymPy's LaTeX of a formula (the same string as ``Correction.latex``);
* :func:`to_mathml` -- MathML of the same formula, converted from that LaTeX by ``latex2mathml``;
* :func:`latex_text` / :func:`html_text` -- plain text escaped for LaTeX and for HTML;
* :func:`format_value` -- one value of a counterexample or of the parameters as text;
* :func:`failing_checks`, :func:`smallest_counterexample`, :func:`proof_status` -- read from the
  data of the JSON report (:func:`symdln.report.report_dict`).

Why MathML goes through LaTeX: SymPy's presentation MathML printer (1.14) writes the operator of a
strict inequality unescaped (``<mo><</mo>``: the page is no longer well formed and a browser drops
the rest of the formula), prints ``Piecewise`` and the project's own objects (e.g. a Frobenius
distance) as the generic call ``piecewise(...)``, ``frobeniusdistance(...)``, and so loses the
notation their ``_latex`` methods give.  ``sympy.latex`` knows every object of the registry; the
converter escapes ``<``, renders ``\Rightarrow``, ``\Leftrightarrow``, ``\wedge``, ``\vee``,
``\neg`` and ``cases``; and the page then shows the very formula the erratum's LaTeX shows.

>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> to_latex(sp.Implies(x < 1, x <= 2))
'x < 1 \\Rightarrow x \\leq 2'
>>> "&#x0003C;" in to_mathml(x < 1)
True
>>> latex_text("50% of a_1 & {b}")
'50\\% of a\\_1 \\& \\{b\\}'
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

import sympy as sp

from symdln.correction import render_latex

__all__ = [
    "FINDINGS",
    "check_lines",
    "failing_checks",
    "formal_phrase",
    "format_value",
    "html_text",
    "latex_text",
    "proof_status",
    "relative_link",
    "scope_phrase",
    "smallest_counterexample",
    "to_latex",
    "to_mathml",
]

#: the claim verdicts that are findings: the printed statement is refuted
FINDINGS = ("FAILS", "HOLDS_AFTER_CORRECTION")


def to_latex(expr: sp.Basic) -> str:
    r"""LaTeX of a formula of the registry: :func:`symdln.correction.render_latex` (``sympy.latex``).

    >>> to_latex(sp.Symbol("w_0") <= 1)
    'w_{0} \\leq 1'
    """
    return render_latex(expr)


def to_mathml(expr: sp.Basic, display: str = "inline") -> str:
    """MathML (a ``<math>`` element) of a formula of the registry, converted from :func:`to_latex`.

    ``display`` is ``"inline"`` or ``"block"``.

    >>> to_mathml(sp.Symbol("x") / 2)  # doctest: +ELLIPSIS
    '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline"><mrow><mfrac>...</mfrac></mrow></math>'
    """
    from latex2mathml.converter import convert

    if display not in ("inline", "block"):
        raise ValueError(f"display must be 'inline' or 'block', not {display!r}")
    return str(convert(to_latex(expr), display=display))


def html_text(text: Any) -> str:
    """Text escaped for HTML content and attribute values (``&``, ``<``, ``>``, both quotes).

    >>> html_text('<a href="x">&</a>')
    '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;'
    """
    return html.escape(str(text), quote=True)


_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
}


def latex_text(text: Any) -> str:
    r"""Plain text escaped for LaTeX's text mode.

    The ten special characters, and ``<``, ``>``, ``|`` (which the default OT1 font would print as
    other glyphs), become commands; a character outside ASCII becomes ``[U+XXXX]``, since an
    ``amsmath``-only preamble has no font for most of them.

    >>> print(latex_text(r"\frac{a}{b} ~ x^2"))
    \textbackslash{}frac\{a\}\{b\} \textasciitilde{} x\textasciicircum{}2
    >>> print(latex_text("<= |y|"))
    \textless{}= \textbar{}y\textbar{}
    >>> latex_text("\u03c3")
    '[U+03C3]'
    """
    out = []
    for ch in str(text):
        if ch in _LATEX_SPECIAL:
            out.append(_LATEX_SPECIAL[ch])
        elif ord(ch) > 127:
            out.append(f"[U+{ord(ch):04X}]")
        elif ch in "\n\t\r":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def format_value(value: Any) -> str:
    """One value of a counterexample or of the parameters, as the JSON report has it, as text.

    >>> format_value("1/2"), format_value([1, "2/3"]), format_value({"a": 1})
    ('1/2', '[1, "2/3"]', '{"a": 1}')
    """
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def failing_checks(claim: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The checks of a claim of :func:`~symdln.report.report_dict` that refute the printed statement
    (verdict ``FAILS`` or ``HOLDS_AFTER_CORRECTION``, with a counterexample), in registry order."""
    return [ch for ch in claim["checks"]
            if ch["verdict"] in FINDINGS and ch["evidence"] and ch["evidence"].get("counterexample")]


def smallest_counterexample(claim: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]] | None:
    """``(check name, counterexample)`` with the shortest text among the refuting checks of a claim
    of :func:`~symdln.report.report_dict` (each check already reports the smallest it found), or
    ``None`` when no check refutes it."""
    found = [(ch["name"], ch["evidence"]["counterexample"]) for ch in failing_checks(claim)]
    if not found:
        return None
    return min(found, key=lambda nc: len(json.dumps(nc[1], sort_keys=True)))


def proof_status(claim: Mapping[str, Any]) -> dict[str, Any]:
    """How far the verdict of a claim of :func:`~symdln.report.report_dict` reaches.

    ``scope`` is ``"instances"`` when some check that ran covers listed instances only, ``"general"``
    when every check that ran states it covers the whole domain, ``"not stated"`` otherwise;
    ``formal`` the Coq theorems (the ``formal`` entries of the report); ``scripts`` the proof
    scripts the evidence points to, in order of first mention.
    """
    ran = [ch["evidence"] for ch in claim["checks"] if ch["evidence"] is not None]
    scopes = [ev.get("scope") for ev in ran]
    if "instances" in scopes:
        scope = "instances"
    elif scopes and all(s == "general" for s in scopes):
        scope = "general"
    else:
        scope = "not stated"
    scripts: list[str] = []
    for ev in ran:
        if ev.get("proof") and ev["proof"] not in scripts:
            scripts.append(ev["proof"])
    return {"scope": scope, "formal": list(claim["formal"]), "scripts": scripts}


_RELATIVE = re.compile(r"^(?!/)(?!.*\.\.)[A-Za-z0-9_./-]+$")


def relative_link(path: str) -> str | None:
    """``path`` when it is a plain relative path inside the repository (``proofs/coq/Thm3Upper.v``),
    else ``None`` (nothing that could point outside it or to another site).

    >>> relative_link("proofs/coq/Thm3Upper.v"), relative_link("https://x.org/a"), relative_link("../a")
    ('proofs/coq/Thm3Upper.v', None, None)
    """
    return path if _RELATIVE.match(path) else None


def scope_phrase(scope: str) -> str:
    """A sentence fragment for a :func:`proof_status` scope."""
    return {
        "general": "general: every point of the stated domain",
        "instances": "on the listed instances (the general statement rests on the proof script)",
        "not stated": "scope not stated by the checks",
    }[scope]


def formal_phrase(entry: Mapping[str, Any]) -> str:
    """One formal proof of the report (``file``, ``theorem``, ``proves``, ``domain``) in words."""
    on = "" if entry["domain"] == "True" else f" on {entry['domain']}"
    return (f"{entry['prover']} theorem {entry['theorem']} in {entry['file']} proves the "
            f"{entry['proves']}{on}, for every value of its symbols")


def check_lines(evidence: Mapping[str, Any], keys: Sequence[str]) -> list[tuple[str, str]]:
    """``(key, text)`` for the keys of an evidence dictionary that are set."""
    return [(k, format_value(evidence[k])) for k in keys if evidence.get(k)]
