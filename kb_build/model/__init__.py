"""Stage 1, model: what an entry is (pydantic models, bilingual text, value types, JSON Schema export)."""
