"""The load `make loadtest` sends: the pages visitors and donors use most, in turn.

scripts/loadtest.py sets LOADTEST_PATHS (one address per line) and LOADTEST_REQUESTS (the
number of requests after which the run stops): a bounded run, whatever the number of users.
"""

import itertools
import os

import gevent
from locust import FastHttpUser, constant, task
from locust.exception import StopUser

PATHS = os.environ["LOADTEST_PATHS"].splitlines()
MAX_REQUESTS = int(os.environ["LOADTEST_REQUESTS"])
users = itertools.count()
requests_sent = itertools.count(1)


class Visitor(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        # Users start at different pages, so every kind of page is in flight at once.
        start = next(users) % len(PATHS)
        self.paths = itertools.cycle(PATHS[start:] + PATHS[:start])

    @task
    def visit(self):
        if next(requests_sent) > MAX_REQUESTS:
            # quit() stops every user, this one included: called from this user's own greenlet it
            # would be cut short and leave the run idle until --run-time. Hence its own greenlet.
            gevent.spawn(self.environment.runner.quit)
            raise StopUser()
        path = next(self.paths)
        # Grouped by page in the report: the project page, the search, the style sheet...
        with self.client.get(path, name=path.split("?")[0], catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
