# The commands a person types. See README.md.
.PHONY: run test build clean chart images keys bench

## Build everything and run the whole suite on embedded defaults; prints the URL to open.
run:
	devstack/bin/run-suite

## Every test of every module, including the browser end-to-end suite.
test:
	mvn -B verify

## Build all modules without running tests.
build:
	mvn -B install -DskipTests

clean:
	mvn -B -q clean

## Refresh the generated deploy files: helm/services (quarkus-helm) and k8s/ (the umbrella rendered).
chart:
	mvn -B -q install -DskipTests
	mvn -B -q -pl helm exec:java

## Build every service's image with Jib (no Docker daemon) and push it: make images REGISTRY=host:5000
REGISTRY ?= localhost:5000
images:
	mvn -B package -DskipTests -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true \
	  -Dquarkus.container-image.registry=$(REGISTRY) -Dquarkus.container-image.insecure=true

## Generate signing keys for a cluster into KEYS_DIR (then create the muse-keys Secret from it).
KEYS_DIR ?= cluster-keys
keys:
	mvn -B -q install -DskipTests -pl devstack
	java -cp "devstack/target/devstack.jar:devstack/target/lib/*" academy.muse.devstack.KeysMain $(KEYS_DIR)

## Every benchmark beside its baseline; writes bench/results/<date>.md (see bench/README.md).
bench:
	bench/run-all
