"""Job postings: the catalog every user searches, and each posting's extracted skills."""
