# The commands a person types. See README.md.
.PHONY: run test build clean

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
