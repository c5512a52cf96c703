"""Folder mode: walk the inputs, clean them in worker processes, write each output atomically,
learn a site's boilerplate across the batch, resume, report progress."""
