package academy.muse.vod.job;

import academy.muse.contracts.events.RecordingEvents.RecordingCompleted;

/**
 * A claimed packaging job.
 *
 * @param attempts how many times it has been claimed, this time included
 * @param runId    this claim's identity: the lease owner, and the storage prefix its output goes to
 */
public record PackagingJob(String recordingId, RecordingCompleted recording, int attempts, String runId) {
}
