"""Stage 4, render: a checked Corpus -> Markdown pages (real files in docs/<collection>/) through Jinja templates."""
