"""``python -m symdln``: the command line, as the ``symdln`` script."""

import sys

from symdln.cli import main

sys.exit(main())
