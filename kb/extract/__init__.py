"""Extract: commitments, due dates, owners, themes and targets from layout blocks."""
