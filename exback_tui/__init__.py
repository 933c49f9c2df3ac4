"""exback: a private terminal journal for the way back after a breakup."""

__version__ = "0.1.0"
