package academy.muse.signaling.room;

import academy.muse.signaling.config.SignalingConfig;

import java.time.Duration;

/** The room logic's tunables, independent of how they are configured. */
public record Limits(int maxMessageBytes, Duration heartbeatInterval, Duration heartbeatTimeout, int burst,
                     int perSecond, int floodTolerance, Duration announceInterval, Duration replicaTimeout,
                     Duration reconnectGrace) {

    public static Limits of(SignalingConfig config) {
        return new Limits(config.maxMessageBytes(), config.heartbeat().interval(), config.heartbeat().timeout(),
                config.rateLimit().burst(), config.rateLimit().perSecond(), config.rateLimit().floodTolerance(),
                config.presence().announceInterval(), config.presence().replicaTimeout(),
                config.presence().reconnectGrace());
    }
}
