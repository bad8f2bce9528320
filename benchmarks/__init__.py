"""Load benchmarks of the portal: see README.md, run with `make bench`."""
