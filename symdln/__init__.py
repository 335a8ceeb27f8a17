"""symdln: checked mathematics for implicit regularisation in linear networks.

Layers, imports flowing one way:

* math core -- :mod:`symdln.notation`, :mod:`symdln.linear`, :mod:`symdln.deep`,
  :mod:`symdln.assumption` (and the modules of the two-layer dynamics and of
  paper 2): closed forms, derivations and simulators; never print, never
  read files, never set global precision;
* :mod:`symdln.certify` -- exact, ball-arithmetic and SMT certification;
* :mod:`symdln.checks` -- one module per claim group; each check returns a
  :class:`~symdln.verdict.CheckResult`;
* :mod:`symdln.claims` -- the registry, one frozen record per printed result;
* :mod:`symdln.report`, :mod:`symdln.figures`, :mod:`symdln.cli` -- the edge.
"""

__version__ = "0.1.0"
