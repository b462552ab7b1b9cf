"""Figures that say why they are empty, instead of drawing an empty frame.

>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> say_why(ax, "No dated articles in this corpus")
>>> ax.texts[-1].get_text(), ax.get_xticks().tolist()
('No dated articles in this corpus', [])
>>> plt.close(fig)
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt

__all__ = ["say_why"]


def say_why(ax: plt.Axes, message: str, *, width: int = 60) -> None:
    """Write ``message`` in the middle of ``ax`` and hide its ticks and grid (nothing to read)."""
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    ax.text(
        0.5,
        0.5,
        textwrap.fill(message, width=width),
        ha="center",
        va="center",
        transform=ax.transAxes,
        fontsize=12,
        color="#444444",
    )
