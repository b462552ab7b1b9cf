"""Root pytest configuration, loaded before anything imports ``utils``.

The test suite must never read or write the repository's own per-article cache
(``data/interim/cache``): point ``BERITA_CACHE_DIR`` at a fresh temporary folder for the
whole session (notebook kernels started by the tests inherit it).
"""

import atexit
import os
import shutil
import tempfile

if "BERITA_CACHE_DIR" not in os.environ:
    _session_cache = tempfile.mkdtemp(prefix="berita-test-cache-")
    os.environ["BERITA_CACHE_DIR"] = _session_cache
    atexit.register(shutil.rmtree, _session_cache, ignore_errors=True)
