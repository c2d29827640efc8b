"""Running the installation: backup and restore (`backup`), liveness for `/healthz` (`health`),
the benchmark (`bench/`) and the mail folder the demo seed writes to (`demo_mail`).

The management commands (`backup`, `restore`, `bench`, `seed_demo`) in
network/management/commands/ are thin callers of these modules.
"""
