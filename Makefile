# jobbspar: plain Makefile, no generator (sbase style).
#   make            build every stage into bin/jobbspar-<stage>
#   make check      build and run all tests (unit, command-line golden, end-to-end)
#   make asan       the same tests under AddressSanitizer + UBSan (= SANITIZE=1 make check)
#   make deps       install missing Debian packages (as root), else print the apt-get line
#   make install    PREFIX=/usr/local DESTDIR=
#   make bench      the benchmark (bench/)

PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra
CPPFLAGS += -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -Ipipeline -I.

# Debian packages jobbspar needs; `make deps` installs what is missing.
DEBIAN_PKGS = libcsv-dev libgsl-dev libcmocka-dev gnuplot-nox libinih-dev libsodium-dev \
	libxlsxwriter-dev libglpk-dev libyajl-dev pkg-config

# only the tests need these (the headless-browser test of the report; R for
# the independent glm check of the placement model)
DEBIAN_PKGS_TEST = chromium r-base-core
PKGS_WANTED ?= $(DEBIAN_PKGS)

PKGS = gsl libsodium inih xlsxwriter yajl
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)
# libcsv and GLPK ship no .pc file
LDLIBS += -lcsv -lglpk $(PKG_LIBS) -lpthread -lm

ifeq ($(SANITIZE),1)
  MODE = asan
  CFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
  LDFLAGS += -fsanitize=address,undefined
else
  MODE = rel
endif

BUILD = build/$(MODE)
# the release build goes to bin/ (what run.sh uses); sanitizer builds stay apart
ifeq ($(MODE),rel)
  BIN = bin
else
  BIN = $(BUILD)/bin
endif

ALL_CFLAGS = $(WARN) $(CFLAGS) $(PKG_CFLAGS)

# pipeline/ is one library every stage links; each stage's own modules
# (stages/<s>/*.c except main.c) form a library of that stage, so one stage's
# unfinished module never breaks another's build. Unit tests in
# tests/unit/test_*.c link the pipeline library; tests in
# tests/unit/<stage>/test_*.c also link that stage's library.
STAGES := $(patsubst stages/%/main.c,%,$(wildcard stages/*/main.c))
LIB_SRC := $(wildcard pipeline/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
LIB = $(BUILD)/libjobbspar.a
STAGE_BINS := $(STAGES:%=$(BIN)/jobbspar-%)

TESTLIB_SRC := $(wildcard tests/unit/support/*.c)
TESTLIB_OBJ := $(TESTLIB_SRC:%.c=$(BUILD)/%.o)
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))

.PHONY: all check check-run asan deps deps-check install uninstall clean bench fuzz torture check-valgrind
all: $(STAGE_BINS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/tests/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/unit/support $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/test_%: $(BUILD)/tests/test_%.o $(TESTLIB_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(LDLIBS)

define stage_rules
$(1)_OBJ := $$(patsubst %.c,$$(BUILD)/%.o,$$(filter-out stages/$(1)/main.c,$$(wildcard stages/$(1)/*.c)))
$(1)_TESTS := $$(patsubst tests/unit/%.c,$$(BUILD)/tests/%,$$(wildcard tests/unit/$(1)/test_*.c))
UNIT_BINS += $$($(1)_TESTS)
$$(BUILD)/stages/$(1)/lib$(1).a: $$($(1)_OBJ)
	@mkdir -p $$(dir $$@)
	@rm -f $$@
	$$(AR) rcs $$@ $$^
$$(BIN)/jobbspar-$(1): $$(BUILD)/stages/$(1)/main.o $$(BUILD)/stages/$(1)/lib$(1).a $$(LIB)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(LDLIBS)
$$(BUILD)/tests/$(1)/test_%: $$(BUILD)/tests/$(1)/test_%.o $$(TESTLIB_OBJ) $$(BUILD)/stages/$(1)/lib$(1).a $$(LIB)
	$$(CC) $$(LDFLAGS) -o $$@ $$^ $$(CMOCKA_LIBS) $$(LDLIBS)
endef
$(foreach s,$(STAGES),$(eval $(call stage_rules,$(s))))

# deps first (a fresh machine has no headers), then everything else in a new
# make so pkg-config is asked again after the install
check:
	@$(MAKE) --no-print-directory deps-check PKGS_WANTED="$(DEBIAN_PKGS) $(DEBIAN_PKGS_TEST)"
	@$(MAKE) --no-print-directory check-run

check-run: $(STAGE_BINS) $(UNIT_BINS)
	@JOBBSPAR_BIN=$(abspath $(BIN)) JOBBSPAR_BUILD=$(abspath $(BUILD)) sh tests/run-all.sh $(UNIT_BINS)

asan:
	@$(MAKE) --no-print-directory SANITIZE=1 check

deps-check:
	@missing=""; for p in $(PKGS_WANTED); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then $(MAKE) --no-print-directory deps PKGS_WANTED="$(PKGS_WANTED)"; fi

deps:
	@missing=""; for p in $(PKGS_WANTED); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "jobbspar: all Debian packages present"; exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "jobbspar: installing Debian packages:$$missing"; \
	  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing) >&2 || exit 1; \
	else \
	  echo "jobbspar: missing Debian packages; run as root:" >&2; \
	  echo "  apt-get install$$missing" >&2; exit 1; \
	fi

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/jobbspar
	for b in $(STAGE_BINS); do install -m 755 $$b $(DESTDIR)$(PREFIX)/bin/; done
	cp -R data/ref $(DESTDIR)$(PREFIX)/share/jobbspar/
	install -m 644 data/default.ini $(DESTDIR)$(PREFIX)/share/jobbspar/

uninstall:
	for s in $(STAGES); do rm -f $(DESTDIR)$(PREFIX)/bin/jobbspar-$$s; done
	rm -rf $(DESTDIR)$(PREFIX)/share/jobbspar

# fuzzing (libFuzzer, clang): FUZZ_SECONDS each; crashes land in build/fuzz/
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined $(CPPFLAGS) -std=c11 $(PKG_CFLAGS)
FUZZ_SRC = $(LIB_SRC) $(filter-out %/main.c,$(wildcard stages/ingest/*.c))
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_SRC)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(FUZZ_SRC) $(LDLIBS)
fuzz: build/fuzz/fuzz_csvin build/fuzz/fuzz_ingest
	@mkdir -p build/fuzz/corpus-csvin build/fuzz/corpus-ingest
	@for f in tests/fixtures/csv/*.csv tests/fixtures/ingest/good/*.csv; do \
	  printf '\001\000' | cat - $$f > build/fuzz/corpus-csvin/seed-$$(basename $$f); done
	@i=0; for f in survey_frame survey_respondents survey_occupations jobseekers employment vacancies outcomes yrkesbarometer; do \
	  printf "\\$$(printf %o $$i)" | cat - tests/fixtures/ingest/good/$$f.csv > build/fuzz/corpus-ingest/seed-$$f; i=$$((i+1)); done
	cd build/fuzz && ./fuzz_csvin -close_fd_mask=2 -max_total_time=$(FUZZ_SECONDS) -max_len=4096 corpus-csvin $(CURDIR)/tests/fuzz/regressions 2>&1 | tail -n 3
	cd build/fuzz && ROOT=$(CURDIR) ./fuzz_ingest -close_fd_mask=2 -max_total_time=$(FUZZ_SECONDS) -max_len=4096 corpus-ingest 2>&1 | tail -n 3

# the national benchmark (docs/PERFORMANCE.md): not part of make check
bench: $(STAGE_BINS) $(BUILD)/bench/csvparse
	@JOBBSPAR_BIN=$(abspath $(BIN)) JOBBSPAR_CSVPARSE=$(abspath $(BUILD))/bench/csvparse sh bench/run.sh

# libcsv alone, the floor bench/compare.sh sets beside jobbspar-ingest
$(BUILD)/bench/csvparse: bench/csvparse.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< -lcsv

# longer hardening runs (docs/RELIABILITY.md): not part of make check
torture: $(STAGE_BINS)
	@JOBBSPAR_BIN=$(abspath $(BIN)) sh tests/torture.sh

check-valgrind: $(STAGE_BINS)
	@JOBBSPAR_BIN=$(abspath $(BIN)) sh tests/valgrind.sh

clean:
	rm -rf build bin

-include $(shell find build/$(MODE) -name '*.d' 2>/dev/null)
.SECONDARY:
