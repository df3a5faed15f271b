"""Company discovery: from a careers page (or a domain) to the job board an applicant tracking system hosts for
the company, from the links and embeds the page carries (`signatures`, curated in `data/ats_signatures.yaml`),
else to the page's schema.org JobPosting pages (`pages`). `service` fetches the pages and puts it together."""
