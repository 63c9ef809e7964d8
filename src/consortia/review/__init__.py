"""Review: a local web page where an analyst accepts, rejects and corrects extracted relations.

`consortia review OUT.jsonl` opens a run's output in the page (`app`), keeping every decision in
a SQLite store the moment it is made (`store`); `consortia review export` turns the decisions
into gold files, reviewed JSONL or Label Studio tasks (`exports`). Queue items and their
identity across runs live in `queue`; the whole-document view is rendered in `render`.
"""
