"""`python -m cleannews.spark`: a crawl's stories as a table, on Spark. See
cleannews.integrations.spark; `pip install cleannews[spark]`."""

from .integrations.spark import archive_stories, builder, main, table_stories

__all__ = ["archive_stories", "builder", "main", "table_stories"]

if __name__ == "__main__":
    main()
