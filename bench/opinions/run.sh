#!/bin/sh
# Runs the opinion-analysis speed benchmark with the scikit-learn
# side-by-side, installing Debian's python3-sklearn first if no python has
# it. Usage: bench/opinions/run.sh [flags of go run ./bench/opinions]
set -eu
cd "$(dirname "$0")/../.."
has_sklearn() { "$1" -c 'import sklearn, numpy' 2>/dev/null; }
PY=""
for candidate in python3 /usr/bin/python3; do
	if has_sklearn "$candidate"; then PY=$candidate; break; fi
done
if [ -z "$PY" ]; then
	echo "installing python3-sklearn with apt-get" >&2
	apt-get update
	apt-get install -y python3-sklearn
	PY=/usr/bin/python3 # the Debian package installs for the system python
fi
exec go run ./bench/opinions -python-bin "$PY" "$@"
