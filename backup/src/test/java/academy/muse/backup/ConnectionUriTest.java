package academy.muse.backup;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionUriTest {

    @Test
    void anErrorThatQuotesTheUriOrItsPasswordIsPrintedWithoutThem() {
        ConnectionUri uri = ConnectionUri.from(Map.of("MONGODB_URI", "mongodb://root:p%40ss-word@mongodb-0.mongodb:27017/"));

        assertThat(uri.redact("cannot parse mongodb://root:p%40ss-word@mongodb-0.mongodb:27017/ (p@ss-word)"))
                .isEqualTo("cannot parse **** (****)");
        assertThat(ConnectionUri.from(Map.of("MONGODB_URI", "mongodb://mongodb-0.mongodb:27017/",
                "MONGODB_USERNAME", "root", "MONGODB_PASSWORD", "pa ss")).redact("failed: pa ss")).isEqualTo("failed: ****");
        assertThat(uri.toString()).isEqualTo("the connection URI from MONGODB_URI");
    }
}
