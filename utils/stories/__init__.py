"""Stories: one story, many copies (syndicated, republished, updated, templated articles).

Modules: ``signatures`` (word shingles, MinHash), ``verify`` (pair rules), ``index`` (the
stored index and LSH candidates), ``clustering`` (stories and representatives), ``credits``
(wire credits), ``table`` (the stories table), ``counting`` (``COUNT_BY``).
"""

from utils.stories.clustering import RELATIONS, components, story_rows
from utils.stories.counting import COUNT_BY_CHOICES, articles_to_count, count_by_label
from utils.stories.credits import credits_column, wire_credits
from utils.stories.index import StoryIndex
from utils.stories.signatures import article_features
from utils.stories.table import (
    INDEX_DIR,
    STORY_COLUMNS,
    find_stories,
    stories_from_index,
    update_index,
)
from utils.stories.verify import classify

__all__ = [
    "COUNT_BY_CHOICES", "INDEX_DIR", "RELATIONS", "STORY_COLUMNS", "StoryIndex", "article_features",
    "articles_to_count", "classify", "components", "count_by_label", "credits_column", "find_stories",
    "stories_from_index", "story_rows", "update_index", "wire_credits",
]  # fmt: skip
