"""Web access filtering: URL parsing, the category index built from UT1-format lists,
and (later) the front-ends that use it.

The core (policy, text, detectors, engine, model) must not import from here: a council
that only checks posts and emails should not need numpy mmaps or RE2 for the web.
"""

from aupguard.web.index import CompileStats, Index, compile_lists, default_index_path
from aupguard.web.lists import ListError
from aupguard.web.urls import parse_url

__all__ = [
    "CompileStats",
    "Index",
    "ListError",
    "compile_lists",
    "default_index_path",
    "parse_url",
]
