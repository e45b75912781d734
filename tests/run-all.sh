#!/usr/bin/env bash
# Runs every test runner in order (type check, lint, formatting, unit tests, build, end-to-end tests)
# and ends with one line of totals for all of them: "N passed, N failed". Exits non-zero when
# anything failed.
set -u
cd "$(dirname "$0")/.."
mkdir -p test-results
passed=0
failed=0
skipped=0

count() { # count NAME EXIT_CODE: one check that passes or fails as a whole
	if [ "$2" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $1"; fi
}

count_files() { # count_files NAME EXIT_CODE FILES: as count, and a failure names the files to fix
	if [ "$2" -eq 0 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAILED: $1: ${3:-see the output above}"
	fi
}

add_json() { # add_json FILE EXPRESSION: adds "passed failed skipped" computed from a runner's JSON report
	if [ ! -s "$1" ]; then failed=$((failed + 1)); echo "FAILED: no report $1"; return; fi
	read -r p f s < <(node -e "const r=require('./$1'); const [p,f,s]=($2)(r); console.log(p,f,s)")
	passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}

# chromium-l10n gives date inputs their German month names.
if [ ! -x /usr/bin/chromium ] || ! dpkg -s chromium-l10n >/dev/null 2>&1; then
	if [ "$(id -u)" -eq 0 ]; then
		echo "Chromium fehlt – installiere Debians Pakete chromium und chromium-l10n ..."
		apt-get update -qq && apt-get install -y -qq chromium chromium-l10n >/dev/null
	else
		echo "Chromium fehlt. Bitte als root installieren: apt-get update && apt-get install -y chromium chromium-l10n"
	fi
fi

# The benchmark's smoke test compares the importer with the sqlite3 shell's own import.
if ! command -v sqlite3 >/dev/null; then
	if [ "$(id -u)" -eq 0 ]; then
		echo "sqlite3 fehlt – installiere Debians Paket sqlite3 ..."
		apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null
	else
		echo "sqlite3 fehlt. Bitte als root installieren: apt-get update && apt-get install -y sqlite3"
	fi
fi

# The report tests read the printed PDFs with pdftotext and pdfinfo.
if ! command -v pdftotext >/dev/null; then
	if [ "$(id -u)" -eq 0 ]; then
		echo "pdftotext fehlt – installiere Debians Paket poppler-utils ..."
		apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null
	else
		echo "pdftotext fehlt. Bitte als root installieren: apt-get update && apt-get install -y poppler-utils"
	fi
fi

npm run -s check
count svelte-check $?

# ESLint's report heads each file's findings with its absolute path.
lint=$(npm run -s lint 2>&1)
status=$?
[ -n "$lint" ] && echo "$lint"
count_files lint $status "$(sed -n "s|^$PWD/||p" <<<"$lint" | paste -sd ' ')"

# Prettier names each file that is not formatted with a "[warn] " line.
format=$(npm run -s format:check 2>&1)
status=$?
echo "$format"
count_files format:check $status \
	"$(grep '^\[warn\] ' <<<"$format" | grep -v 'Code style issues' | sed 's/^\[warn\] //' | paste -sd ' ')"

rm -f test-results/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile=test-results/vitest.json
add_json test-results/vitest.json \
	'r => [r.numPassedTests, r.numFailedTests + (r.success || r.numFailedTests ? 0 : 1), r.numPendingTests + r.numTodoTests]'

npm run -s build
build=$?
count build $build

if [ "$build" -eq 0 ] && [ -x /usr/bin/chromium ]; then
	rm -f test-results/playwright.json
	npx playwright test
	add_json test-results/playwright.json \
		'r => [r.stats.expected + r.stats.flaky, r.stats.unexpected + (r.errors?.length ? 1 : 0), r.stats.skipped]'
else
	echo "FAILED: end-to-end tests not run (build failed or /usr/bin/chromium missing)"
	failed=$((failed + 1))
fi

# Smoke test of `npm run bench` on the just-built build/: one check that passes when it completes
# and prints every figure. Its timings are never judged here; the national run is done by hand.
if [ "$build" -eq 0 ]; then
	npm run -s bench -- --scale small --build build > test-results/bench-small.md
	count bench-smoke $?
else
	echo "FAILED: benchmark smoke test not run (build failed)"
	failed=$((failed + 1))
fi

totals="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && totals="$totals, $skipped skipped"
echo "$totals"
[ "$failed" -eq 0 ]
