"""Skills: the taxonomy, mention finding, and extraction of skills, seniority and experience."""
