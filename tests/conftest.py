import os

from hypothesis import HealthCheck, settings

pytest_plugins = ["pytester"]

# a quick profile for development, a derandomised one with more examples in CI
settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile("ci", max_examples=300, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
