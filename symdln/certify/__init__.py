"""Certification: the only layer that knows python-flint and z3.

* :mod:`symdln.certify.exact` -- exact rational and symbolic matrix helpers;
* :mod:`symdln.certify.balls` -- Arb ball enclosures of SymPy expressions and
  certified signs (precision scoped, raised until decided);
* :mod:`symdln.certify.smt` -- z3 proofs of polynomial implications, with
  every returned model validated in exact arithmetic.
"""
