"""Gunicorn settings shared by both servers of the benchmark.

run.py passes the rest on the command line: the loopback address and free port, the number
of workers, the worker class and its threads. Naming this file with --config also keeps a
gunicorn.conf.py at the root of the project, if one ever appears, out of the measurement.
"""

accesslog = None  # no access log: writing one line per request would be measured too
errorlog = "-"  # run.py sends gunicorn's output, Django's tracebacks included, to a file
loglevel = "warning"
control_socket_disable = True  # two servers run one after the other; they share no socket
timeout = 30
graceful_timeout = 5
keepalive = 2
