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
LIBDIR := $(DESTDIR)$(PREFIX)/lib/stack
BINDIR := $(DESTDIR)$(PREFIX)/bin

# Everything that goes into the jar; tests and build output do not.
SOURCES := pom.xml $(shell find modules profiles examples -name target -prune -o -path '*/src/test' -prune \
	-o -type f \( -name pom.xml -o -path '*/src/main/*' -o -path 'profiles/*' \) -print 2>/dev/null)

# Stack files the archive is trained on: the classes `validate` and `config` load are then shared.
TRAINING := $(wildcard examples/hello/stack.yaml)

# The archive records the jar by its physical path, so it is only used with this very jar; the
# paths are resolved when the recipe runs (at install, the jar is copied just before).
define archive
	rm -f $(2)
	$(JAVA) -XX:ArchiveClassesAtExit="$$(cd $(dir $(2)) && pwd -P)/$(notdir $(2))" \
		-Xlog:cds=error -Xlog:cds+dynamic=error \
		-cp "$$(cd $(dir $(1)) && pwd -P)/$(notdir $(1))" dev.stack.cli.ArchiveTraining $(3)
endef

.PHONY: build run test install uninstall bench clean

build: $(JSA)

$(JAR): $(SOURCES)
	$(MVN) -B -q -DskipTests package
	@touch $@

$(JSA): $(JAR)
	$(call archive,$(JAR),$(JSA),$(TRAINING))

run: build
	cd examples/hello && ../../bin/stack up --foreground

test:
	$(MVN) -B verify

# The archive is made again in place: it is only valid beside the jar it was made with.
install: build
	install -d $(LIBDIR) $(BINDIR)
	install -m 644 $(JAR) $(LIBDIR)/stack.jar
	install -m 755 bin/stack $(LIBDIR)/stack
	$(call archive,$(LIBDIR)/stack.jar,$(LIBDIR)/stack.jsa,$(TRAINING))
	ln -sf ../lib/stack/stack $(BINDIR)/stack

uninstall:
	rm -f $(BINDIR)/stack
	rm -rf $(LIBDIR)

bench: build
	bench/run.sh $(if $(QUICK),--quick)

clean:
	$(MVN) -B -q clean
