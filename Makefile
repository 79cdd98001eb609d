# One Makefile for people and CI. `make book` and `make test` do all set-up themselves.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Bytecode caches inside solutions/ would show up as phantom assignments in nbgrader.
export PYTHONDONTWRITEBYTECODE := 1
# One BLAS thread per process: the grader and the test runner parallelise across processes.
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1
# nbgrader runs helper commands (alembic) from PATH.
export PATH := $(CURDIR)/$(BIN):$(PATH)

ASSIGNMENTS := $(sort $(notdir $(patsubst %/,%,$(dir $(wildcard solutions/*/*.ipynb)))))
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: help env book serve test release autograde worker collect solution-book learner-edition benchmark system-deps bwrap clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s $$'\t'

$(STAMP): pyproject.toml constraints.txt
	@echo ">> creating the environment in $(VENV) (Python: $(PYTHON))"
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version.split()[0] + "; run: make PYTHON=/path/to/python3.11 ..."'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@echo ">> installing pinned dependencies (constraints.txt); this takes a few minutes the first time"
	$(BIN)/python -m pip install --progress-bar on -c constraints.txt -e ".[course,test,lite,cluster]"
	@# An optional URL-format checker that jsonschema picks up when present; importing it
	@# builds a grammar and adds ~3 s to every nbformat/nbgrader start. Nothing needs it.
	$(BIN)/python -m pip uninstall --quiet --yes rfc3987-syntax
	@# Kernels started from this environment (book build, nbval) log only what matters: no
	@# per-kernel TCP notice, no "KeyboardInterrupt caught" when a finished kernel is stopped.
	mkdir -p $(VENV)/etc/ipython && printf 'c.IPKernelApp.log_level = "CRITICAL"\n' > $(VENV)/etc/ipython/ipython_kernel_config.py
	touch $(STAMP)

env: $(STAMP)  ## create .venv and install the pinned dependencies

bwrap:
	@bash .ci/system-deps bwrap

system-deps:  ## check (and as root, install) bubblewrap, chromium and npm
	@bash .ci/system-deps

# The built book serves MathJax and the widget renderer itself, so it works offline (e.g. from a
# USB stick): npm installs the versions pinned in package-lock.json, and _vendor/ (git-ignored)
# holds the files Sphinx copies into _build/html/_static/ (`html_static_path` in _config.yml).
node_modules/.package-lock.json: package.json package-lock.json
	@bash .ci/system-deps npm
	npm ci --ignore-scripts --no-audit --no-fund

_vendor/.copied: node_modules/.package-lock.json
	rm -rf _vendor && mkdir -p _vendor/mathjax _vendor/widgets
	cp -R node_modules/mathjax/es5/. _vendor/mathjax/
	cd node_modules/@jupyter-widgets/html-manager/dist && cp embed.js *.woff2 *.woff *.ttf *.eot *.svg ../../../../_vendor/widgets/
	touch $@

# The in-browser site (lite/build.py) needs wheels that no environment installs: the Pyodide
# packages' transport, the Pyodide kernel's JupyterLab extension, and ipywidgets, comm and the
# widget manager, at pinned versions and hashes.
_build/lite-wheels/.downloaded: lite/wheels.txt | $(STAMP)
	rm -rf _build/lite-wheels
	$(BIN)/python -m pip download --quiet --no-deps --require-hashes -r lite/wheels.txt -d _build/lite-wheels
	touch $@

book: env _vendor/.copied _build/lite-wheels/.downloaded  ## build the book into _build/html, with the in-browser notebooks in _build/html/lite (strict: any warning fails)
	$(BIN)/jupyter-book build . -W -n --keep-going
	$(BIN)/python lite/build.py

serve:  ## serve the built book on 127.0.0.1 (its in-browser notebooks do not run from file://)
	$(BIN)/python lite/serve.py --dir _build/html

test: env system-deps book  ## every test: library, notebooks, grading, the built book in a browser
	$(BIN)/python -m pytest -n $(JOBS) --dist loadgroup

release: env  ## regenerate exercises/ from solutions/ with nbgrader
	@# Each release folder is made anew (git has the old one): no "removing existing" warnings.
	@for a in $(ASSIGNMENTS); do echo ">> nbgrader generate_assignment $$a"; rm -rf "exercises/$$a"; \
	  $(BIN)/nbgrader generate_assignment "$$a" --log-level=WARN || exit 1; done

autograde: env bwrap  ## grade submitted/<student>/<assignment>/*.ipynb in sandboxes, in parallel
	$(BIN)/python -m grader autograde $(ARGS)

# A grading machine of a Dask cluster; the instructor then runs
# make autograde ARGS="--scheduler tcp://HOST:PORT". THREADS sandboxes at once (default cores + 1).
THREADS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
worker: env bwrap  ## join a Dask cluster as a grading machine: make worker SCHEDULER=tcp://HOST:PORT
	@test -n "$(SCHEDULER)" || { echo "usage: make worker SCHEDULER=tcp://HOST:PORT"; exit 2; }
	PYTHONPATH=$(CURDIR) $(BIN)/dask worker "$(SCHEDULER)" --preload grader.cluster \
	  --nthreads $(THREADS) --no-dashboard $(ARGS)

collect: env  ## unpack a Canvas/Moodle/Blackboard zip: make collect ZIP=x.zip ASSIGNMENT=04-relu [ROSTER=r.csv]
	$(BIN)/python -m grader collect "$(ZIP)" --assignment "$(ASSIGNMENT)" $(if $(ROSTER),--roster "$(ROSTER)") $(ARGS)

solution-book: env  ## instructors only: every assignment with answers and hidden tests, in _solution_book/
	$(BIN)/python -m grader solution-book $(ARGS)

learner-edition: env  ## the public learner repository from HEAD: make learner-edition [OUT=../course-learner] [URL=https://github.com/<org>/<repo>]
	$(BIN)/python -m grader learner-edition $(if $(OUT),--out "$(OUT)") $(if $(URL),--url "$(URL)") $(if $(BRANCH),--branch "$(BRANCH)") $(ARGS)

benchmark: env bwrap  ## stock `nbgrader autograde` vs `make autograde` on 100 submissions
	$(BIN)/python benchmarks/bench_autograde.py

clean:  ## remove build output (keeps the environment)
	rm -rf _build _solution_book test-artifacts _vendor
