"""Progress bars and widgets that fit where the code runs: live in JupyterLab, text headless.

In a Jupyter kernel with ``ipywidgets`` installed, :func:`tqdm` is ``tqdm.notebook.tqdm`` (a
widget bar that updates in place). Everywhere else, and in headless runs, it is the plain text
bar ``tqdm.std.tqdm``. Neither path warns: ``tqdm.auto`` is not used, because it warns
``IProgress not found`` when ipywidgets is missing and draws widgets into papermill's executed
notebooks, where nobody sees them.

A run is headless when the environment variable :data:`HEADLESS_ENV` is set to ``1`` (the
runner behind ``make run`` sets it for its kernels) or when no Jupyter kernel is running (a
script, pytest, a terminal). :func:`interactive` says whether widgets can be shown; the
explorer (:mod:`utils.explore`) asks it too, and falls back to static tables and figures.

>>> import os
>>> os.environ[HEADLESS_ENV] = "1"
>>> interactive()
False
>>> bar = tqdm(["Jakarta", "Moskow"], disable=True)
>>> [city for city in bar]
['Jakarta', 'Moskow']
>>> del os.environ[HEADLESS_ENV]
"""

from __future__ import annotations

import importlib.util
import os
from typing import Any

from tqdm.std import tqdm as text_tqdm

#: Set to "1" for headless runs (``make run`` does): text progress bars, static explorer output.
HEADLESS_ENV = "BERITA_AKTOR_HEADLESS"

__all__ = ["HEADLESS_ENV", "in_kernel", "interactive", "tqdm"]


def in_kernel() -> bool:
    """True inside a Jupyter kernel (JupyterLab, nbclient, papermill), False in scripts and tests.

    >>> in_kernel()
    False
    """
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def interactive() -> bool:
    """True when widgets can be shown: a Jupyter kernel, ipywidgets installed, not headless.

    >>> interactive()  # doctests run outside a kernel
    False
    """
    if os.environ.get(HEADLESS_ENV, "") == "1":
        return False
    return in_kernel() and importlib.util.find_spec("ipywidgets") is not None


def tqdm(*args: Any, **kwargs: Any) -> Any:
    """A progress bar: a widget in JupyterLab (:func:`interactive`), the text bar otherwise.

    Takes the arguments of ``tqdm.tqdm``.

    >>> sum(tqdm(range(4), desc="berita", disable=True))
    6
    """
    if interactive():
        from tqdm.notebook import tqdm as widget_tqdm

        return widget_tqdm(*args, **kwargs)
    return text_tqdm(*args, **kwargs)
