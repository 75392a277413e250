"""Test-wide settings. Compiled Hyperscan databases go to a temporary folder, not the
user's cache, so a test run leaves nothing behind."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

if "AUPGUARD_CACHE_DIR" not in os.environ:
    _cache = tempfile.mkdtemp(prefix="aupguard-test-cache-")
    os.environ["AUPGUARD_CACHE_DIR"] = _cache
    atexit.register(shutil.rmtree, _cache, True)
