"""Training the learned components from corpus/train, tuned on corpus/dev (never corpus/test).

`consortia train` runs it; each trained artifact lands in pipelines/ with a model card."""
