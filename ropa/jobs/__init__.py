"""Background jobs: imports now, webhook deliveries and website checks next; one worker runs them all.

See ropa/jobs/queue.py for the API (enqueue a registered function with JSON arguments; report progress) and
ropa/jobs/worker.py for how the worker (`manage.py worker`, which also sends the outbox) runs them.
"""
