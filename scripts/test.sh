#!/usr/bin/env bash
# The test command: installs what is missing, starts PostgreSQL for the conformance suite, runs `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
bash scripts/install-deps.sh
eval "$(bash scripts/start-test-postgres.sh)"
export GUICHET_TEST_POSTGRES_URL
swift test "$@"
