"""The official referentials (INSEE, ANCT) and their idempotent loaders."""
