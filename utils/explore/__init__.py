"""Top layer, the explorer (it draws figures, so it sits above utils.figures): type a word, phrase or actor and read its contexts and its trend at once.

Built on the tables notebooks 03 and 04 already have (tokens, articles, mentions):

* :func:`kwic_lines`: keyword-in-context lines of a word, phrase or actor name, filterable by
  outlet and date;
* :func:`frequency_over_time`: its rate per 1,000 words per time bin, and
  :func:`frequency_figure` to draw it;
* :func:`co_occurrence_sentences`: the sentences where two actors are mentioned together;
* :func:`explorer`: the three as ipywidgets in JupyterLab; in headless runs and exported HTML
  (see :func:`utils.progress.interactive`) a static table and figure for the starting word, so
  ``make run`` stays deterministic.
"""

from utils.explore.tables import (
    co_occurrence_sentences,
    frequency_figure,
    frequency_over_time,
    kwic_lines,
)
from utils.explore.widgets import explorer

__all__ = [
    "co_occurrence_sentences",
    "explorer",
    "frequency_figure",
    "frequency_over_time",
    "kwic_lines",
]
