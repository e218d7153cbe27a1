"""The bare reference: one Django view rendering a small template, served like the portal (`make bench`)."""
