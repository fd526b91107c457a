"""Generators for the import corpus: the document model, a small block IR, and one writer per format."""
