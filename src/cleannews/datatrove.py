"""cleannews' datatrove steps: CleanNews (the extractor), WarcReader, CountBlocks (learning).
See cleannews.integrations.datatrove; `pip install cleannews[datatrove]`."""

from .integrations.datatrove import CleanNews, CountBlocks, WarcReader

__all__ = ["CleanNews", "CountBlocks", "WarcReader"]
