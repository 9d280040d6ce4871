"""Stage 2, load: files under data/ -> a Corpus of validated entries, every problem with file:line:col."""
