"""``python -m utils.runner`` (what ``make run`` calls): run the notebooks headless."""

from utils.runner.notebooks import main

raise SystemExit(main())
