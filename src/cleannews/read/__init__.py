"""Reading: bytes → a document (sources, containers) → blocks (text.py for plain text,
html.py with metadata.py for pages). Nothing here decides what is story."""
