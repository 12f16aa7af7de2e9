"""mercato: the AI industry's talent and capital market, read from the news."""

__version__ = "0.1.0"
