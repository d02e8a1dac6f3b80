"""Readout: who said what in diplomatic readouts."""

__version__ = "0.1.0"
