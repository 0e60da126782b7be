"""Private documents (signed DPAs, DPIA reports, transfer impact assessments): storage, checks and downloads."""
