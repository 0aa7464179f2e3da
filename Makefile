# Two commands do everything on a fresh machine: `make report` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# Second environment with matplotlib 3.10 (no native text shaping): the charts'
# fallback path (arabic-reshaper + python-bidi) is tested there.
VENV310  := .venv-mpl310
PY310    := $(VENV310)/bin/python
STAMP310 := $(VENV310)/.installed

.PHONY: all venv report test test-main test-mpl310 browser office lab bench bench-index clean

all: report

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

venv: $(STAMP)

$(STAMP310): requirements-mpl310.txt pyproject.toml
	@test -x $(PY310) || $(PYTHON) -m venv $(VENV310)
	$(PY310) -m pip install --quiet --upgrade pip
	$(PY310) -m pip install --quiet -r requirements-mpl310.txt
	$(PY310) -m pip install --quiet --no-deps -e .
	@touch $(STAMP310)

# Debian's Chromium, driven by Playwright in the browser tests (Playwright's own
# browser download is not used).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# LibreOffice Calc (Debian, no GUI) for the spreadsheet round trip of facts.csv; the test
# skips with a message where it cannot be installed.
office:
	@command -v soffice >/dev/null 2>&1 || { \
	  echo "installing Debian's LibreOffice Calc for the spreadsheet test"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui >/dev/null) \
	  || echo "LibreOffice could not be installed: its test will be skipped"; }

report: $(STAMP)
	$(PY) -m helpers report

test: test-main test-mpl310

test-main: $(STAMP) browser office
	$(PY) -m pytest -q

test-mpl310: $(STAMP310)
	$(PY310) -m pytest -q -m mpl_fallback tests/test_charts_shaping.py

# Serves the project folder (so reports/ is browsable next to notebooks/) and opens the
# comparison; kernels start in notebooks/, where helpers.paths finds seeds/ and stories/.
# JupyterLab refuses to run as root unless told to: --allow-root is added only then
# (containers often run as root), never for another user.
USER_ID    ?= $(shell id -u)
ALLOW_ROOT := $(if $(filter 0,$(USER_ID)),--allow-root,)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=. $(ALLOW_ROOT) notebooks/compare_outlets.ipynb notebooks/outlet_profile.ipynb

bench: $(STAMP)
	$(PY) benchmarks/bench_extract.py
	$(PY) benchmarks/bench_report.py

# Indexing a generated archive of 20,000 and 100,000 articles with 1 and 2 workers (long:
# hours on 2 cores; not part of the tests).  SIZES=... WORKERS=... for a shorter run.
SIZES   ?= 20000 100000
WORKERS ?= 1 2
bench-index: $(STAMP)
	$(PY) benchmarks/bench_index.py --sizes $(SIZES) --workers $(WORKERS)

clean:
	rm -rf $(VENV) $(VENV310) reports/*/
