"""A theme over time as a PNG (matplotlib, Agg backend: no display on a server)."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # after use("Agg"): no display


def theme_chart(label: str, counts: dict[str, dict[str, int]]) -> bytes:
    """Stacked bars: statements per year, one colour per side."""
    years = sorted(counts)
    sides = sorted({s for per in counts.values() for s in per})
    fig, ax = plt.subplots(figsize=(7, 3.5), dpi=100)
    try:
        bottom = [0] * len(years)
        for side in sides:
            values = [counts[y].get(side, 0) for y in years]
            ax.bar(years, values, bottom=bottom, label=side.replace("_", " ").title())
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.set_title(f"{label}: statements per year")
        ax.set_ylabel("statements")
        if sides:
            ax.legend(loc="upper left", fontsize="small")
        if not years:
            ax.text(0.5, 0.5, "no statements yet", ha="center", va="center",
                    transform=ax.transAxes)
        buf = io.BytesIO()
        fig.tight_layout()
        fig.savefig(buf, format="png")
        return buf.getvalue()
    finally:
        plt.close(fig)
