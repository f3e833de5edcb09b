"""Wait until a URL answers 200 (used by `make run` to announce the portal is up)."""

import sys
import time
import urllib.request

TIMEOUT_SECONDS = 60


def main(url):
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return 0
        except OSError:
            pass
        time.sleep(0.5)
    print(f"{url} did not answer within {TIMEOUT_SECONDS} s", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
