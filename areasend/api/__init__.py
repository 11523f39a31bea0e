"""The JSON API (/api/v1/): thin read-only views over the same querysets and functions the pages
use, one module per resource group; `plumbing` holds what they share.

Every view is strict about its query: a parameter it does not know, one given twice, or a bad
value is a 400 whose body names the parameter (`{"framework": ["..."]}`); an empty value means the
same as leaving the parameter out, as it does when an HTML filter form is submitted."""
