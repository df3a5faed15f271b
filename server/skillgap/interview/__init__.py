"""Mock interviews: planning, asking, grading and feedback, aimed at a user's gaps."""
