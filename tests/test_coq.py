"""The Coq proofs in ``proofs/coq/``: they state what the registry says, and they are proved.

* statements: every :class:`~symdln.claims.record.FormalProof` of the registry names a theorem
  whose statement, parsed by :mod:`symdln.certify.coq` with the file's definitions unfolded, is
  the claim's correction under the stated domain and the symbols' signs (structure compared,
  relations compared algebraically); the iterate is the ``Fixpoint`` of the registry's corrected
  recursion (22);
* proofs: no ``Admitted``/``admit``/``Axiom``; every file compiles with ``coqc`` and
  ``Print Assumptions`` lists only the standard axioms of Coq's real numbers.

The compiling tests are in the slow selection (``python -m pytest -m slow tests/test_coq.py``; CI
runs it) and need ``coqc`` (Debian: ``apt-get install coq libcoq-interval
libcoq-coquelicot``); without it they skip, unless ``SYMDLN_REQUIRE_COQ=1`` (set by CI), where
they fail.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import sympy as sp

from symdln.certify.coq import CoqFile, identically_zero, parse_vernacular, same_statement, strip_comments
from symdln.claims import CLAIMS, by_id

COQ = Path(__file__).resolve().parent.parent / "proofs" / "coq"
FORMAL = [(c, f) for c in CLAIMS for f in c.formal]

#: Coq's name for each registry symbol in the proofs
COQ_NAMES = {"sigma": "sigma", "lambda": "lam", "eta": "eta", "w_0": "w0", "t": "t"}
#: the axioms Coq's standard real numbers rest on (Reals, Coquelicot)
STANDARD_AXIOMS = frozenset({
    "ClassicalDedekindReals.sig_forall_dec", "ClassicalDedekindReals.sig_not_dec",
    "FunctionalExtensionality.functional_extensionality_dep", "Classical_Prop.classic",
})
_FORBIDDEN = re.compile(r"\b(Admitted|admit|Axiom|Axioms|Parameter|Parameters|Hypothesis|Conjecture)\b")


def _order() -> list[str]:
    return [ln.strip() for ln in (COQ / "_CoqProject").read_text().splitlines() if ln.strip().endswith(".v")]


def _all_files() -> CoqFile:
    merged = CoqFile()
    for name in _order():
        merged = parse_vernacular((COQ / name).read_text()).merged(merged)
    return merged


def _coq_symbols(e: sp.Basic) -> sp.Basic:
    """A registry expression in the proofs' names: real symbols with no assumption, w_t the iterate."""
    rename = {s: sp.Symbol(COQ_NAMES[s.name], real=True) for s in e.free_symbols if s.name in COQ_NAMES}
    iterate = sp.Function("iter")(*(sp.Symbol(n, real=True) for n in ("sigma", "lam", "eta", "w0", "t")))
    rename.update({s: iterate for s in e.free_symbols if s.name == "w_t"})
    return e.xreplace(rename)


def _signs(claim) -> list[sp.Basic]:
    """``0 < s`` (``0 <= s``) for each positive (non-negative) symbol of the claim, t and w_t aside."""
    facts: list[sp.Basic] = []
    for s in claim.symbols:
        if isinstance(s, sp.Symbol) and s.name in COQ_NAMES and s.name != "t":
            x = sp.Symbol(COQ_NAMES[s.name], real=True)
            if s.is_positive:
                facts.append(sp.StrictLessThan(0, x, evaluate=False))
            elif s.is_nonnegative:
                facts.append(sp.LessThan(0, x, evaluate=False))
    return facts


def registry_statement(claim, formal) -> sp.Basic:
    """What the Coq theorem must state: ``domain /\\ signs -> correction``, in the proofs' names;
    a correction ``Implies(Eq(s, v), X)`` is stated at s = v."""
    expr = claim.correction.expr
    hyp = sp.And(*_signs(claim), _coq_symbols(formal.domain))
    expr = _coq_symbols(expr)
    if isinstance(expr, sp.Implies) and isinstance(expr.args[0], sp.Eq) and expr.args[0].lhs.is_Symbol:
        s, v = expr.args[0].lhs, expr.args[0].rhs
        expr, hyp = expr.args[1].xreplace({s: v}), hyp.xreplace({s: v})
    return sp.Implies(hyp, expr)


def _iterate_is_the_recursion(files: CoqFile, fixpoint: str, step: str) -> bool:
    text = " ".join(strip_comments((COQ / "Recursion.v").read_text()).split())
    want = (f"Fixpoint {fixpoint} (sigma lam eta w0 : R) (t : nat) : R := match t with | O => w0 "
            f"| S n => {step} sigma lam eta ({fixpoint} sigma lam eta w0 n) end.")
    alt = want.replace(" w0 ", " a0 ").replace("w0 n)", "a0 n)").replace("=> w0 |", "=> a0 |")
    return want in text or alt in text


# --------------------------------------------------------------------------- statements
def test_every_formal_proof_names_a_theorem_of_the_files():
    files = _all_files()
    assert FORMAL, "no claim names a Coq proof"
    for _, formal in FORMAL:
        assert (COQ.parent.parent / formal.file).is_file(), formal.file
        assert formal.theorem in parse_vernacular((COQ.parent.parent / formal.file).read_text()).theorems
        assert formal.theorem in files.theorems


#: the test that compares each kind of formal proof with the registry, and the theorems it reads
COMPARED = {"correction": None, "identity": {"recursion_product"},
            "threshold": {"threshold_above", "threshold_below"}, "sharp condition": {"cor3_sharp_sufficient"}}


def test_every_formal_proof_is_compared_with_the_registry():
    for claim, formal in FORMAL:
        assert formal.proves in COMPARED, f"{claim.id}: no test compares a {formal.proves!r} proof"
        names = COMPARED[formal.proves]
        assert names is None or formal.theorem in names, f"{claim.id}: {formal.theorem} is not compared"


def test_the_recursion_is_the_registry_recursion():
    files = _all_files()
    claim = by_id("eq22.recursion")
    w, a = sp.Symbol("w", real=True), sp.Symbol("a", real=True)
    corrected = _coq_symbols(claim.correction.expr.rhs).xreplace(
        {sp.Function("iter")(*(sp.Symbol(n, real=True) for n in ("sigma", "lam", "eta", "w0", "t"))): w})
    printed = _coq_symbols(claim.formula.rhs).xreplace(
        {sp.Function("iter")(*(sp.Symbol(n, real=True) for n in ("sigma", "lam", "eta", "w0", "t"))): a})
    assert same_statement(sp.Eq(files.definition("step"), 0), sp.Eq(corrected, 0))
    assert same_statement(sp.Eq(files.definition("layer_step"), 0), sp.Eq(printed, 0))
    assert not same_statement(sp.Eq(files.definition("step"), 0), sp.Eq(printed.xreplace({a: w}), 0))
    assert _iterate_is_the_recursion(files, "iter", "step")
    assert _iterate_is_the_recursion(files, "layer_iter", "layer_step")


@pytest.mark.parametrize(("cid", "theorem"),
                         [(c.id, f.theorem) for c, f in FORMAL if f.proves == "correction"])
def test_theorem_states_the_registered_correction(cid, theorem):
    claim = by_id(cid)
    formal = next(f for f in claim.formal if f.theorem == theorem)
    files = _all_files()
    coq = files.term(files.theorems[theorem])
    want = registry_statement(claim, formal)
    assert same_statement(coq, want), f"{theorem}:\n  Coq:      {coq}\n  registry: {want}"


def test_identity_theorem_states_the_square_of_the_layer_iterate():
    files = _all_files()
    sigma, lam, eta, a0, t = (sp.Symbol(n, real=True) for n in ("sigma", "lam", "eta", "a0", "t"))
    want = sp.Eq(sp.Function("layer_iter")(sigma, lam, eta, a0, t) ** 2,
                 sp.Function("iter")(sigma, lam, eta, a0 ** 2, t))
    assert same_statement(files.term(files.theorems["recursion_product"]), want)


@pytest.mark.parametrize("mutate", ["rate", "condition", "domain", "direction"])
def test_statement_comparison_rejects_a_changed_statement(mutate):
    # the comparison is not vacuous: a theorem about another bound, condition or domain differs
    claim = by_id("thm3.upper")
    formal = claim.formal[0]
    files = _all_files()
    coq = files.term(files.theorems[formal.theorem])
    sigma, eta, w0 = (sp.Symbol(n, real=True) for n in ("sigma", "eta", "w0"))
    changed = {
        "rate": coq.xreplace({sp.Integer(2): sp.Integer(3)}),
        "condition": coq.xreplace({sp.Rational(3, 2): sp.Integer(2)}),
        "domain": sp.Implies(sp.And(*[a for a in coq.args[0].args if a != (w0 < 1)]), coq.args[1]),
        "direction": coq.replace(lambda e: isinstance(e, sp.LessThan) and e.lhs.func.__name__ == "iter",
                                 lambda e: sp.GreaterThan(e.lhs, e.rhs, evaluate=False)),
    }[mutate]
    assert changed != coq
    assert not same_statement(changed, registry_statement(claim, formal))
    del sigma, eta


def _eq25(which: str, sigma_name: str) -> sp.Expr:
    """eq25.times' printed formula or correction (T in units of delta) at sigma = ``sigma_name``."""
    claim = by_id("eq25.times")
    e = claim.formula if which == "formula" else claim.correction.expr
    return e.xreplace({s: sp.Symbol(sigma_name if s.name == "sigma" else COQ_NAMES[s.name], real=True)
                       for s in e.free_symbols})


def test_threshold_is_the_registered_transition_time():
    files = _all_files()
    s, eta, sigma = (sp.Symbol(n, real=True) for n in ("s", "eta", "sigma"))
    tau_star = files.definition("tau_star").xreplace({s: eta * sigma})
    assert identically_zero(tau_star - _eq25("correction", "sigma"))
    assert not identically_zero(tau_star - _eq25("formula", "sigma"))
    delta = sp.Symbol("delta", real=True)
    # w_0 = e^(-2 delta), as eq25.times' context says
    assert identically_zero(files.definition("w_init") - sp.exp(-2 * delta))
    text = " ".join(strip_comments((COQ / "Cor3.v").read_text()).split())
    assert "Definition t_floor : R -> R -> nat := fun delta tau => Z.to_nat (floor (delta * tau))." in text
    assert ("Definition w_delta : R -> R -> R -> R -> R -> R := fun sigma lam eta tau delta => "
            "iter sigma lam eta (w_init delta) (t_floor delta tau).") in text


def _limit(sigma, lam, eta, tau, value):
    mode = sp.Function("w_delta")(sigma, lam, eta, tau)
    return sp.Function("is_lim")(mode, sp.Symbol("p_infty", real=True), value)


@pytest.mark.parametrize("side", ["above", "below"])
def test_threshold_theorems_state_the_limits_on_both_sides(side):
    files = _all_files()
    sigma, lam, eta, tau = (sp.Symbol(n, real=True) for n in ("sigma", "lam", "eta", "tau"))
    T = _eq25("correction", "sigma")
    hyp = [0 < sigma, 0 < lam, 0 < eta, 2 * eta * sigma < 1]
    if side == "above":
        want = sp.Implies(sp.And(*hyp, T < tau), _limit(sigma, lam, eta, tau, sigma / lam))
    else:
        want = sp.Implies(sp.And(*hyp, 0 < tau, tau < T), _limit(sigma, lam, eta, tau, 0))
    got = files.term(files.theorems[f"threshold_{side}"])
    assert same_statement(got, want), f"{got}\n{want}"
    assert not same_statement(got, want.xreplace({T: _eq25("formula", "sigma")}))


def test_sharp_condition_theorem_uses_the_registered_times():
    files = _all_files()
    names = ("eta", "sigma_i", "lam_i", "sigma_next", "sigma_j")
    eta, si, li, sn, sj = (sp.Symbol(n, real=True) for n in names)
    # the sharp condition: eta sigma_{i+1} < 1 / T(sigma_i), T the corrected transition time
    sharp = eta * sn < 1 / _eq25("correction", "sigma_i")
    printed_T = _eq25("formula", "sigma_j")
    assert identically_zero(files.term("T_time eta sigma_j") - printed_T)
    want = sp.Implies(
        sp.And(0 < eta, 0 < si, 0 < li, 2 * eta * si < 1, 0 < sj),
        sp.And(sp.Implies(sp.And(sj <= sn, sharp), _limit(si, li, eta, printed_T, si / li)),
               sp.Implies(si < sj, _limit(si, li, eta, printed_T, 0))))
    got = files.term(files.theorems["cor3_sharp_sufficient"])
    assert same_statement(got, want), f"{got}\n{want}"


def test_no_admitted_proofs_or_axioms():
    for name in _order():
        code = strip_comments((COQ / name).read_text())
        found = _FORBIDDEN.findall(code)
        assert not found, f"{name}: {found}"


# --------------------------------------------------------------------------- proofs (coqc)
def _coqc() -> str:
    from conftest import system_tool

    return system_tool("coqc")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The files compiled in a copy of proofs/coq, in _CoqProject order; returns the directory and
    each file's standard output (``Assumptions.v`` prints the axioms of the main theorems)."""
    exe = _coqc()
    work = tmp_path_factory.mktemp("coq")
    for name in _order():
        shutil.copy(COQ / name, work / name)
    out = {}
    for name in _order():
        proc = subprocess.run([exe, "-q", "-R", ".", "Symdln", name], cwd=work, capture_output=True,
                              text=True, timeout=600)
        assert proc.returncode == 0, f"coqc {name}:\n{proc.stdout}\n{proc.stderr}"
        out[name] = proc.stdout
    return work, out


@pytest.mark.slow  # about 15 s of coqc: in the slow selection, which CI runs
def test_every_file_compiles(built):
    work, _ = built
    for name in _order():
        assert (work / name).with_suffix(".vo").is_file()


def _printed_theorems() -> list[str]:
    return re.findall(r"^Print Assumptions (\w+)\.", (COQ / "Assumptions.v").read_text(), flags=re.M)


def test_assumptions_file_prints_every_registered_theorem():
    printed = _printed_theorems()
    assert len(printed) == len(set(printed))
    missing = {f.theorem for _, f in FORMAL} - set(printed)
    assert not missing, f"proofs/coq/Assumptions.v does not print the assumptions of {sorted(missing)}"


@pytest.mark.slow
def test_formal_theorems_rest_on_the_standard_axioms_only(built):
    """``Assumptions.v`` (compiled by the fixture) prints one block per theorem, every registered
    theorem among them (test above): each block names only the standard axioms."""
    _, out = built
    printed = _printed_theorems()
    blocks = re.split(r"(?=Axioms:|Closed under the global context)", out["Assumptions.v"])
    blocks = [b for b in blocks if b.strip()]
    assert len(blocks) == len(printed), out["Assumptions.v"]
    for theorem, block in zip(printed, blocks, strict=True):
        axioms = {ln.split(":")[0].strip() for ln in block.splitlines()[1:]
                  if ln.strip() and not ln.startswith(" ")}
        assert axioms <= STANDARD_AXIOMS, f"{theorem}: {sorted(axioms - STANDARD_AXIOMS)}"
