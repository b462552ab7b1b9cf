"""``python -m utils.runner`` (what ``make run`` calls): run the notebooks headless."""

import sys

from utils.runner.notebooks import main

sys.exit(main())
