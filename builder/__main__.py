"""``python -m builder``: see :mod:`builder.cli`."""

import sys

from .cli import main

sys.exit(main())
