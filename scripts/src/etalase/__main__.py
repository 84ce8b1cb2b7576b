"""``python -m etalase``: the ``etalase`` command."""

from etalase.tools.cli import main

raise SystemExit(main())
