"""The three renderings of one Digest."""

from digests.render_blocks import BlockMessages, render_blocks
from digests.render_json import render_json
from digests.render_text import render_text

__all__ = ["BlockMessages", "render_blocks", "render_json", "render_text"]
