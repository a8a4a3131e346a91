"""The project's own reliability suites (crash, concurrency, fuzz): runnable as modules, with figures."""
