# Huishen — set-up, run and test on Debian 12.  `make run` and `make test` do everything.
PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
TS      := $(wildcard resources/i18n/*.ts)
QM      := $(TS:.ts=.qm)

# What Qt (offscreen and xcb), the Chinese UI and the dossier tests need from Debian.
SYS_PKGS := fonts-wqy-microhei fonts-arphic-uming fontconfig \
            libgl1 libegl1 libglib2.0-0 libdbus-1-3 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 \
            libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-shape0 libxcb-render-util0 \
            libxcb-image0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 \
            poppler-utils xvfb xauth

.PHONY: run test sysdeps venv translations lupdate lint screenshots bench clean crash-test fuzz fault-test concurrency-test

run: sysdeps venv translations
	$(BIN)/huishen gui

test: sysdeps venv translations lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(BIN)/python -m tests.suites.crash --kills 8
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.suites.fuzz --examples 40

# The reliability suites (issue 15); each prints its figures and fails on any loss, exit 3 or hang.
CRASH_KILLS ?= 1000
FUZZ_EXAMPLES ?= 2000
# Exchange files (issue 10): the importers take ~10 ms an input; 100,000 inputs take about 20 minutes.
EXCHANGE_FUZZ_EXAMPLES ?= 100000
crash-test: venv
	$(BIN)/python -m tests.suites.crash --kills $(CRASH_KILLS)

# Rounds of ten parallel CLI writers against one store.
concurrency-test: venv
	$(BIN)/python -m tests.suites.concurrency --rounds 10

# Disk full swept over the free space on a small tmpfs (needs root; skipped otherwise).
fault-test: venv
	$(BIN)/python -m tests.suites.diskfull --max-kb 512 --step-kb 16

fuzz: venv
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.suites.fuzz --examples $(FUZZ_EXAMPLES) \
	  --exchange-examples $(EXCHANGE_FUZZ_EXAMPLES)

sysdeps:
	@missing=""; for p in $(SYS_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "Installing system packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	else \
	  echo "Huishen needs these system packages. Run, then try again:"; \
	  echo "  sudo apt-get install -y$$missing"; exit 1; \
	fi

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,dev]'
	touch $(STAMP)

translations: $(QM)

resources/i18n/%.qm: resources/i18n/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# Developers: refresh the .ts sources from the code, then translate the new entries.
lupdate: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete -locations relative $$(find app ui -name '*.py' | sort) -ts $(TS)

lint: $(STAMP)
	$(BIN)/ruff check app ui models main.py tests
	$(BIN)/mypy

screenshots: sysdeps venv translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.screenshots resources/screenshots

bench: venv
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) resources/i18n/*.qm

# The signed offline bundle for air-gapped workstations (README: "Installing on an air-gapped workstation").
# `make bundle` needs the package registries; HUISHEN_RELEASE_KEY names the organisation's Ed25519 release key.
.PHONY: bundle bundle-test
bundle: venv translations
	resources/bundle/build.sh

# Installs the bundle with pip cut off from the network, runs it, then upgrades from a previous release.
bundle-test: sysdeps bundle
	resources/bundle/test-bundle.sh
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench $(BENCH_ARGS)
