"""Readout: who said what in diplomatic readouts.

The flow, one package a step: `articles` (read) -> `analysis` (split, find people, attribute,
date the meeting, tag) -> `meetings` (one meeting, many reports) -> `store` -> `search` ->
`lookups` / `digests` (top-level package) -> the faces, `cli` and `slack`. `pipeline` drives
read-to-store. `registry` holds the user-extensible registries. The root keeps only what every
package shares: `models`, `errors`, `config`. A package imports only packages before it in this
list (tests/test_layout.py checks it, and that no modules import each other in a cycle).
"""

__version__ = "0.1.0"
