"""Who is calling: bearer tokens in, a Principal out. No transport code here."""
