"""The editors' tools: `corrections` (what an editor changed is kept from the ingest),
`review` (the queue of records that need a person), `merging` (duplicate agencies and
companies), `history` (who changed what), `problem_reports` (readers' reports)."""
