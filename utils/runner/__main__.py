"""``python -m utils.runner`` (what ``make run`` calls): run every notebook headless."""

import sys

from utils.runner.notebooks import main

sys.exit(main())
