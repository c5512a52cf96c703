"""What one input may cost: the limits that keep a hostile or broken page from taking unbounded
time or memory. Each is enforced before the expensive step it protects, and a page past one
is an InputError with a one-line message naming the limit (SECURITY.md lists them all, with
what was measured at each).

Why these numbers: real news pages are well under 5 MB of markup and 20,000 elements, saved
pages with their images under 50 MB. Memory grows with the number of elements and lines more
than with bytes (each becomes a tree node, a Block and a Decision: about 1 KB apiece, measured),
so those are limited separately from the size. At every limit at once, a clean stays under
1 GB of memory (tests/test_limits.py runs the worst cases under a 1.5 GB address-space limit).
"""

from __future__ import annotations

MiB = 1024 * 1024

# Raw input, as given to clean() (a file's bytes, or a str): larger is refused before any work.
MAX_INPUT = 128 * MiB
# Containers: what one gzip layer may unpack to, and how many layers (a gzip bomb stops here).
MAX_UNPACKED = 128 * MiB
MAX_GZIP_LAYERS = 3
# A MIME message (MHTML, .eml) is parsed whole by the standard library, which holds several
# copies of it (a 120 MB one peaked at 1.1 GB) and about 1 KB per part (300,000 one-line parts
# of 10 MB took 4 s): both are limited before parsing. A saved page has a few hundred parts.
MAX_MIME = 64 * MiB
MAX_MIME_PARTS = 10_000
# The page, decoded: characters of HTML, and of plain text (text costs more per character:
# its sentences and lines are split, folded and matched one by one).
MAX_HTML = 64 * MiB
MAX_TEXT = 32 * MiB
# Elements of an HTML page (counted as start tags before parsing) and lines of a text.
MAX_ELEMENTS = 200_000
# A line costs about 0.8 KB and 40 µs however short (a Block, its Unit and Decision): half a
# million lines of one word each take 20 s and 410 MB; ten megabytes of text as browsers,
# w3m or lynx print it are 130,000 to 350,000 lines, cleaned in linear time.
MAX_LINES = 500_000

# Enforced by libxml2 itself (lxml without huge_tree, as html.py parses): elements nested deeper
# than this, or one text node of about this size (the check is on a buffer that grows in steps),
# end the parse there; what came before is read and the Result carries a warning.
PARSER_MAX_DEPTH = 256
PARSER_MAX_TEXT = 10_000_000


def size(n: int) -> str:
    """A size for a message, rounded up: '65 MB' for anything past 64 MB."""
    return f"{-(-n // MiB)} MB" if n >= MiB else f"{n:,} bytes"
