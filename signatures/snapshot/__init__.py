"""The versioned JSON of a convention: build, present (typed, for templates) and diff."""
