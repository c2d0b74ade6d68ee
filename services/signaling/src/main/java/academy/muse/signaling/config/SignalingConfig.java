package academy.muse.signaling.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Everything an operator may tune about live room sessions. */
@ConfigMapping(prefix = "muse.signaling")
public interface SignalingConfig {

    /**
     * How replicas share room traffic: {@code local} when one replica serves every room (messages stay in
     * this process), {@code broker} when several replicas share rooms over the AMQP broker.
     */
    @WithDefault("local")
    FanoutKind fanout();

    /** The multicast address replicas use to reach each other when {@link #fanout()} is {@code broker}. */
    @WithDefault("muse.signaling.fanout")
    String fanoutAddress();

    /** Largest accepted client message in bytes; a bigger one closes the connection with 1009. */
    @WithDefault("65536")
    int maxMessageBytes();

    Heartbeat heartbeat();

    RateLimit rateLimit();

    Presence presence();

    interface Heartbeat {

        /** How often the server pings every connection (WebSocket ping frames; browsers answer by themselves). */
        @WithDefault("5s")
        Duration interval();

        /** A connection that sends nothing (not even a pong) for this long is dropped as dead. */
        @WithDefault("15s")
        Duration timeout();
    }

    interface RateLimit {

        /** Messages a connection may send at once (ICE candidates arrive in bursts). */
        @WithDefault("200")
        int burst();

        /** Sustained messages per second a connection may send. */
        @WithDefault("50")
        int perSecond();

        /** Messages dropped in a row for exceeding the rate before the connection is closed with 1008. */
        @WithDefault("100")
        int floodTolerance();
    }

    interface Presence {

        /** How often a replica announces its connected participants to the other replicas. */
        @WithDefault("5s")
        Duration announceInterval();

        /** A replica not heard from for this long is gone; its participants leave their rooms. */
        @WithDefault("20s")
        Duration replicaTimeout();

        /**
         * How long a participant whose connection ended without a goodbye (a gateway restart, a network change, a
         * heartbeat timeout; anything but close code 1000) stays in the room, waiting for them to reconnect, before
         * the room hears {@code peer-left} and rooms {@code participant.left}. A reconnect within it is a
         * {@code peer-rejoined}, so a lesson never counts as empty because its gateway restarted (long enough for a
         * gateway pod to be replaced and the browsers' backoff to find it).
         */
        @WithDefault("30s")
        Duration reconnectGrace();
    }

    enum FanoutKind {
        local, broker
    }
}
