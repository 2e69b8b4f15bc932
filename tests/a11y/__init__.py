"""Real accessibility and conformance tools driven by the tests: axe-core in headless
Chromium (through Playwright) and EPUBCheck."""
