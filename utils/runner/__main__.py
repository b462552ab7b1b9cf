"""``python -m utils.runner`` (what ``make run`` calls): run every notebook headless."""

from utils.runner.notebooks import main

if __name__ == "__main__":
    raise SystemExit(main())
