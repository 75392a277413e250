"""Builds the optional C part of the web filter (see src/aupguard/web/_hostlookup.c).

Everything else is in pyproject.toml. `optional=True`: without a C compiler or Python's
headers the build says so and goes on, and aupguard uses its pure-Python lookup (same
answers, slower; `aupguard web squid-helper --version`... see docs/web-squid.md).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "aupguard.web._hostlookup",
            ["src/aupguard/web/_hostlookup.c"],
            optional=True,
            extra_compile_args=["-O3"],
        )
    ]
)
