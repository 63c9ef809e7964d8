"""consortia: structured, reviewable facts from news about healthcare institutions."""

__version__ = "0.1.0"
