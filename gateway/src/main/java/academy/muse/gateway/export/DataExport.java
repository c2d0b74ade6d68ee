package academy.muse.gateway.export;

import academy.muse.gateway.account.Account;
import academy.muse.gateway.account.AccountView;
import academy.muse.gateway.account.RelationGraph;
import academy.muse.gateway.invitation.Invitations;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A person's data in one JSON document: what the gateway holds (account, relations, invitations) and, read with
 * their own token, their lessons from scheduling and their replays and previews (with playback links) from vod.
 */
@ApplicationScoped
public class DataExport {

    static final int VERSION = 1;
    /** Far enough back for every lesson the academy ever booked, far enough ahead for every series occurrence. */
    private static final Instant FIRST_LESSON = Instant.parse("2000-01-01T00:00:00Z");
    private static final Duration AHEAD = Duration.ofDays(2 * 366);
    private static final Logger LOG = Logger.getLogger(DataExport.class);

    private final RelationGraph relations;
    private final Invitations invitations;
    private final ServiceReads services;
    private final Clock clock;

    DataExport(RelationGraph relations, Invitations invitations, ServiceReads services, Clock clock) {
        this.relations = relations;
        this.invitations = invitations;
        this.services = services;
        this.clock = clock;
    }

    public PersonalData of(Account account, String accessToken) {
        Instant now = clock.instant();
        String zone = URLEncoder.encode(account.zone, StandardCharsets.UTF_8);
        JsonNode lessons = services.get("scheduling",
                "lessons?from=" + FIRST_LESSON + "&to=" + now.plus(AHEAD) + "&zone=" + zone, accessToken);
        List<PersonalData.Media> media = new ArrayList<>();
        for (JsonNode asset : services.get("vod", "assets", accessToken)) {
            JsonNode playback = "ready".equals(asset.path("status").asText())
                    ? services.post("vod", "assets/" + URLEncoder.encode(asset.path("id").asText(), StandardCharsets.UTF_8)
                    + "/playback", accessToken) : null;
            media.add(new PersonalData.Media(asset, playback));
        }
        LOG.infof("Exported the data of account %s (%d lessons, %d media)", account.id, lessons.size(), media.size());
        return new PersonalData(VERSION, now, AccountView.of(account), relations.viewFor(account),
                invitations.involving(account.id), list(lessons), media);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
