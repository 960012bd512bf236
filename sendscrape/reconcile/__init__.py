"""Reconcile a dataset with official lists (Ofsted's statistics and MI, ADCS's summary)."""
