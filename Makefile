# stack: build, run, test, install, bench. GNU make.
#   make build            the jar and its class-data-sharing archive (skips work when nothing changed)
#   make run              build, then run examples/hello on the dev profile
#   make test             unit and integration tests (mvn -B verify)
#   make install          into $(PREFIX) (default /usr/local); make uninstall removes it
#   make bench [QUICK=1]  benchmarks against PM2 and docker-compose
#   make clean

PREFIX ?= /usr/local
MVN ?= mvn
JAVA ?= $(if $(JAVA_HOME),$(JAVA_HOME)/bin/java,java)

JAR := modules/stack-cli/target/stack.jar
JSA := modules/stack-cli/target/stack.jsa
AGENT_JSA := modules/stack-cli/target/stack-agent.jsa
JNA := modules/stack-cli/target/stack-jna
# the Docker backend and its libraries, out of the jar (dev.stack.core.spi.BackendLoader); mvn package writes it
BACKENDS := modules/stack-cli/target/stack-backends
JAR_TOOL ?= $(if $(JAVA_HOME),$(JAVA_HOME)/bin/jar,jar)
LIBDIR := $(DESTDIR)$(PREFIX)/lib/stack
BINDIR := $(DESTDIR)$(PREFIX)/bin

# Everything that goes into the jar; tests and build output do not.
SOURCES := pom.xml $(shell find modules profiles examples -name target -prune -o -path '*/src/test' -prune \
	-o -type f \( -name pom.xml -o -path '*/src/main/*' -o -path 'profiles/*' \) -print 2>/dev/null)

# Stack files the archive is trained on: the classes `validate` and `config` load are then shared.
TRAINING := $(wildcard examples/hello/stack.yaml)

# The archive records the jar by its physical path, so it is only used with this very jar; the
# paths are resolved when the recipe runs (at install, the jar is copied just before).
# A static archive: the training run lists every class it loads (the JDK's too), then -Xshare:dump
# archives them all in one file, used instead of the JDK's own. Measured against a dynamic archive
# on top of the JDK's (-XX:ArchiveClassesAtExit), medians of 15-25 calls: `stack --version` 299 vs
# 317 ms, `stack ps` of 100 services 194 vs 196 ms.
# -Xmx1g as in bin/stack: the archived heap objects are made for the compressed-oop mode it runs with.
define archive
	rm -f $(2) $(2).classlist
	jar="$$(cd $(dir $(1)) && pwd -P)/$(notdir $(1))" && jsa="$$(cd $(dir $(2)) && pwd -P)/$(notdir $(2))" && \
	$(JAVA) -XX:DumpLoadedClassList="$$jsa.classlist" -cp "$$jar" dev.stack.cli.ArchiveTraining $(3) && \
	$(JAVA) -Xshare:dump -Xmx1g -XX:SharedClassListFile="$$jsa.classlist" -XX:SharedArchiveFile="$$jsa" \
		-Xlog:cds=error -cp "$$jar" >/dev/null
	rm -f $(2).classlist
endef

# The agent's archive (dev.stack.agent.client.AgentLaunch uses <jar>-agent.jsa when present): an
# agent on a temporary home runs `up`, `ps`, `logs` and `down` of a one-service native stack, then
# is stopped (a dynamic archive is written at a normal exit, so we wait for the agent to end).
# $(1) the stack launcher, $(2) the archive.
define agent-archive
	rm -f $(2)
	t=$$(mktemp -d) && jsa="$$(cd $(dir $(2)) && pwd -P)/$(notdir $(2))" && \
	printf 'name: archive-training\nservices:\n  s: {command: [/bin/sleep, "3000%s"]}\n' $$$$ > $$t/stack.yaml && \
	export STACK_HOME=$$t/home STACK_AGENT_JAVA_OPTS="-XX:ArchiveClassesAtExit=$$jsa -Xlog:cds=error -Xlog:cds+dynamic=error" && \
	$(1) -f $$t/stack.yaml up --profile dev >/dev/null 2>&1 && $(1) -f $$t/stack.yaml ps >/dev/null 2>&1 && \
	$(1) -f $$t/stack.yaml logs >/dev/null 2>&1 && $(1) -f $$t/stack.yaml down >/dev/null 2>&1; \
	pid=$$(cat $$t/home/agent.pid 2>/dev/null); $(1) daemon stop >/dev/null 2>&1; \
	for i in $$(seq 300); do [ -n "$$pid" ] && kill -0 $$pid 2>/dev/null || break; sleep 0.1; done; \
	rm -rf $$t; test -s $(2) || { echo "warning: no agent archive made" >&2; rm -f $(2); }
endef

# JNA's native library for Linux, out of the jar into stack-jna/<platform>/ beside it: the agent
# loads it from there (dev.stack.agent.client.AgentLaunch) instead of JNA unpacking a temporary
# copy at every start. $(1) the jar, $(2) the folder.
define jna-library
	rm -rf $(2) $(2).tmp && mkdir -p $(2).tmp
	jar="$$(cd $(dir $(1)) && pwd -P)/$(notdir $(1))" && cd $(2).tmp && \
	$(JAR_TOOL) xf "$$jar" $$($(JAR_TOOL) tf "$$jar" | grep '^com/sun/jna/linux-[^/]*/libjnidispatch\.so$$')
	mv $(2).tmp/com/sun/jna $(2) && rm -rf $(2).tmp
endef

.PHONY: build run test install uninstall bench clean

build: $(JSA) $(AGENT_JSA)

$(JAR): $(SOURCES)
	$(MVN) -B -q -DskipTests package
	@touch $@

$(JSA): $(JAR)
	$(call archive,$(JAR),$(JSA),$(TRAINING))

$(JNA): $(JAR)
	$(call jna-library,$(JAR),$(JNA))

# after the CLI's archive: the CLI calls that drive the training run with it; and with JNA's
# library beside the jar, as agents run
$(AGENT_JSA): $(JAR) $(JSA) $(JNA)
	$(call agent-archive,bin/stack,$(AGENT_JSA))

run: build
	cd examples/hello && ../../bin/stack up --foreground

# verify repackages the jar: the archives beside it are made again, or every `bin/stack` after
# a test run would start without them (ignored silently: a cold `up` took ~570 ms, not ~340)
test:
	$(MVN) -B verify
	$(MAKE) --no-print-directory build

# The archive is made again in place: it is only valid beside the jar it was made with.
install: build
	install -d $(LIBDIR) $(BINDIR)
	install -m 644 $(JAR) $(LIBDIR)/stack.jar
	rm -rf $(LIBDIR)/stack-backends && install -d $(LIBDIR)/stack-backends
	install -m 644 $(BACKENDS)/*.jar $(LIBDIR)/stack-backends/
	install -m 755 bin/stack $(LIBDIR)/stack
	$(call jna-library,$(LIBDIR)/stack.jar,$(LIBDIR)/stack-jna)
	$(call archive,$(LIBDIR)/stack.jar,$(LIBDIR)/stack.jsa,$(TRAINING))
	$(call agent-archive,$(LIBDIR)/stack,$(LIBDIR)/stack-agent.jsa)
	ln -sf ../lib/stack/stack $(BINDIR)/stack

uninstall:
	rm -f $(BINDIR)/stack
	rm -rf $(LIBDIR)

bench: build
	bench/run.sh $(if $(QUICK),--quick)

clean:
	$(MVN) -B -q clean
