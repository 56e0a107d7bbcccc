"""Campaign pages, split by concern: campaigns, registrations, pledges."""
