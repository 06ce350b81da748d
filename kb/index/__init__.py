"""Index: the Whoosh search index built from the store (query language, thesaurus, facets)."""
