# The commands a person types. See README.md.
.PHONY: run demo demo-reset test build clean chart images keys bench

## Build what changed since the last build and run the whole suite on embedded defaults; prints the URL to open
## (docs/running-locally.md).
run:
	devstack/bin/run-suite

## The suite with demo accounts, a lesson whose room is open, a sample replay and a preview, in .run/demo.
demo:
	MUSE_RUN_DIR=.run/demo devstack/bin/run-suite --demo

## Removes everything make demo made (its own run directory; make run's data in .run is untouched).
demo-reset:
	@if [ -f .run/demo/suite.pid ] && kill -0 "$$(cat .run/demo/suite.pid)" 2>/dev/null; then \
	  echo "make demo is still running (pid $$(cat .run/demo/suite.pid)); stop it with Ctrl-C first." >&2; exit 1; fi
	rm -rf .run/demo
	@echo "Demo data removed."

## Every test of every module, including the browser end-to-end suite.
test:
	mvn -B verify

## Build all modules without running tests.
build:
	mvn -B install -DskipTests

clean:
	mvn -B -q clean

## Refresh the generated deploy files: helm/services (quarkus-helm), the umbrella's charts/ (those charts packaged,
## so `helm install` needs no dependency build) and files/turn (a copy of turn/), and k8s/ (the umbrella rendered).
chart:
	mvn -B -q install -DskipTests
	mvn -B -q -pl helm exec:java

## Build every service's and the gateway's image, and the MongoDB backup tool's, with Jib (no Docker daemon) and push
## them (docs/images.md):
##   make images REGISTRY=host:5000 [BASE_IMAGE=host:5000/muse-academy/jre17:bookworm] [INSECURE=true|false]
## BASE_IMAGE: a JRE 17 image, e.g. made offline by devstack/bin/build-base-image. INSECURE: plain-HTTP registry
## (default true only for one on loopback). Charts are not regenerated here (make chart does that).
REGISTRY ?= localhost:5000
BASE_IMAGE ?= $(REGISTRY)/muse-academy/jre17:bookworm
INSECURE ?= $(if $(filter localhost:% 127.0.0.1:%,$(REGISTRY)),true,false)
IMAGE_MODULES = services/scheduling,services/rooms,services/signaling,services/recordings,services/vod,gateway,backup
images:
	mvn -B package -DskipTests -pl $(IMAGE_MODULES) -am \
	  -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true \
	  -Dquarkus.container-image.registry=$(REGISTRY) -Dquarkus.container-image.insecure=$(INSECURE) \
	  -Dquarkus.jib.base-jvm-image=$(BASE_IMAGE) -Dquarkus.helm.enabled=false

## Generate signing keys into KEYS_DIR: private/<purpose>.pem, public/<purpose>.pem, turn-secret, vod/ (docs/accounts.md),
## for `kubectl apply -f k8s/` only (docs/home-cluster.md#keys); the Helm chart generates every key in the cluster.
## Outside the source tree by default, so private keys never sit where `git add` could take them.
KEYS_DIR ?= $(HOME)/.muse-academy/keys
keys:
	mvn -B -q install -DskipTests -pl devstack
	java -cp "devstack/target/devstack.jar:devstack/target/lib/*" academy.muse.devstack.KeysMain $(KEYS_DIR)

## Every benchmark beside its baseline; writes bench/results/<date>.md (see bench/README.md).
bench:
	bench/run-all
