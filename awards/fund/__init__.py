"""The award fund's pages: the funds a user may see, a year's ledger, its Excel export."""
