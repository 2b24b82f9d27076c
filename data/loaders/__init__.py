"""Loaders for the store build. Each module exposes `load(con, ctx) -> list[Step]`.

`ctx` is a `data.build.BuildContext`. A loader raises `BuildError` naming the file when an input is
damaged; it returns a `Step(status='skipped', ...)` when an optional input is absent."""
