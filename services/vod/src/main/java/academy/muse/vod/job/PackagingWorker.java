package academy.muse.vod.job;

import academy.muse.vod.asset.Asset;
import academy.muse.vod.asset.Assets;
import academy.muse.vod.ffmpeg.Inputs;
import academy.muse.vod.config.VodConfig;
import academy.muse.vod.events.AssetEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs packaging jobs: claims one with a lease, renews the lease while ffmpeg works, and at the very end marks the
 * asset ready and publishes {@code vod.asset-ready}. A failed attempt is retried with growing waits; after the last
 * one the asset is marked failed and {@code vod.failed} is published.
 */
@ApplicationScoped
public class PackagingWorker {

    private static final Logger LOG = Logger.getLogger(PackagingWorker.class);
    /** Bounds one scheduled pass, so that a long queue never holds the scheduler thread for ever. */
    private static final int MAX_JOBS_PER_PASS = 10;

    private final PackagingJobs jobs;
    private final Assets assets;
    private final RecordingPackager packager;
    private final AssetEvents events;
    private final ReplayVerification verification;
    private final VodConfig.Worker config;
    private final Duration runTimeout;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final ScheduledExecutorService leaseRenewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "vod-lease-renewal");
        thread.setDaemon(true);
        return thread;
    });

    PackagingWorker(PackagingJobs jobs, Assets assets, RecordingPackager packager, AssetEvents events,
                    ReplayVerification verification, VodConfig config, MeterRegistry metrics, Clock clock) {
        this.clock = clock;
        this.verification = verification;
        this.metrics = metrics;
        this.jobs = jobs;
        this.assets = assets;
        this.packager = packager;
        this.events = events;
        this.config = config.worker();
        this.runTimeout = config.tools().runTimeout();
    }

    /**
     * Removes work directories that runs of an earlier process left behind when it died (a restarted container
     * keeps its scratch volume). Only those untouched for longer than one ffmpeg run may last: a live run of
     * another process on the same machine is never disturbed.
     */
    public void removeAbandonedWork(@Observes StartupEvent started) {
        Path root = workRoot();
        if (!Files.isDirectory(root)) {
            return;
        }
        Instant cutoff = clock.instant().minus(runTimeout);
        try (Stream<Path> runs = Files.list(root)) {
            runs.filter(run -> lastModified(run).isBefore(cutoff)).forEach(PackagingWorker::deleteTree);
        } catch (IOException e) {
            LOG.warnf("Could not look for abandoned work under %s: %s", root, e.getMessage());
        }
    }

    private Instant lastModified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toInstant();
        } catch (IOException e) {
            return clock.instant();
        }
    }

    @Scheduled(every = "${muse.vod.worker.every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        processAvailable();
    }

    /** Runs due jobs until none is left (at most a bounded number); returns how many ran. */
    public int processAvailable() {
        int ran = 0;
        while (ran < MAX_JOBS_PER_PASS && processNext()) {
            ran++;
        }
        return ran;
    }

    /** Claims and runs one due job; false when there was none. */
    public boolean processNext() {
        Optional<PackagingJob> claimed = jobs.claimNext(clock.instant(), config.lease());
        claimed.ifPresent(this::run);
        return claimed.isPresent();
    }

    private void run(PackagingJob job) {
        String assetId = Assets.idFor(job.recordingId());
        Path workDirectory = createWorkDirectory(job);
        long started = System.nanoTime();
        Duration renewEvery = config.lease().dividedBy(3);
        ScheduledFuture<?> renewal = leaseRenewals.scheduleAtFixedRate(() -> renew(job),
                renewEvery.toMillis(), renewEvery.toMillis(), TimeUnit.MILLISECONDS);
        try {
            RecordingPackager.StoredPackage stored = packager.packageRecording(job.recording(), assetId, job.runId(), workDirectory);
            renewal.cancel(false);
            finish(job, assetId, stored, workDirectory);
            record(started, "ready");
        } catch (RuntimeException e) {
            renewal.cancel(false);
            record(started, failed(job, assetId, e));
        } finally {
            deleteTree(workDirectory);
        }
    }

    private void finish(PackagingJob job, String assetId, RecordingPackager.StoredPackage stored, Path workDirectory) {
        boolean ours = assets.markReady(assetId, stored.storagePrefix(), stored.shape().durationSeconds(),
                stored.shape().width(), stored.shape().height(), stored.shape().lowHeight(), stored.tracks(),
                stored.bytes());
        Asset asset = assets.find(assetId).orElseThrow();
        // Whichever run's package the asset points to stays; anything else under the asset is surplus: ours when an
        // earlier run finished after all (it outlived its lease), or what a dead run left half written.
        packager.discardAllBut(assetId, asset.storagePrefix());
        if (!ours) {
            LOG.infof("Recording %s was already packaged by another run; discarded this run's copy", job.recordingId());
        }
        events.ready(asset);
        // The size of the package the asset kept, which is another run's when that one got there first.
        events.mediaStored(asset, assets.storedBytes(assetId));
        verification.verifyAndAnnounce(asset, workDirectory);
        jobs.markDone(job, clock.instant());
        LOG.infof("Asset %s of recording %s is ready (%.1f s, attempt %d)", assetId, job.recordingId(),
                asset.durationSeconds(), job.attempts());
    }

    /** How long packaging runs take, by outcome: {@code vod_packaging_seconds} in Prometheus. */
    private void record(long startedNanos, String outcome) {
        metrics.timer("vod.packaging", "outcome", outcome).record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    /** Returns the outcome: {@code retry} or {@code failed}. */
    private String failed(PackagingJob job, String assetId, RuntimeException error) {
        String reason = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        String ourPrefix = RecordingPackager.storagePrefix(assetId, job.runId());
        // When only the steps after "ready" failed, our package is the asset's: it stays, and the retry finishes up.
        if (assets.find(assetId).map(asset -> !ourPrefix.equals(asset.storagePrefix())).orElse(true)) {
            packager.discard(ourPrefix);
        }
        // A file that is not a container we read stays one: retrying it only runs ffmpeg on it again.
        if (job.attempts() >= config.maxAttempts() || error instanceof Inputs.UnsupportedContainerException) {
            LOG.errorf(error, "Packaging recording %s failed for good after %d attempts", job.recordingId(), job.attempts());
            assets.markFailed(assetId, reason);
            events.failed(job.recording(), reason);
            jobs.markFailed(job, reason, clock.instant());
            return "failed";
        }
        Duration backoff = backoff(job.attempts());
        LOG.warnf("Packaging recording %s failed (attempt %d), retrying in %s: %s", job.recordingId(), job.attempts(),
                backoff, reason);
        jobs.retryLater(job, reason, clock.instant(), backoff);
        return "retry";
    }

    /** The configured wait, doubled per further attempt, capped. */
    Duration backoff(int attempts) {
        Duration wait = config.retryBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(config.maxRetryBackoff()) > 0 ? config.maxRetryBackoff() : wait;
    }

    private void renew(PackagingJob job) {
        try {
            if (!jobs.renewLease(job, clock.instant(), config.lease())) {
                LOG.warnf("Lost the lease on recording %s; another worker took it over", job.recordingId());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not renew the lease on recording %s: %s", job.recordingId(), e.getMessage());
        }
    }

    private Path workRoot() {
        return config.workDirectory().orElse(Path.of(System.getProperty("java.io.tmpdir"), "muse-vod-work"));
    }

    private Path createWorkDirectory(PackagingJob job) {
        Path root = workRoot();
        try {
            return Files.createDirectories(root.resolve(job.runId()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a work directory under " + root, e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warnf("Could not clean up %s: %s", root, e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        leaseRenewals.shutdownNow();
    }
}
