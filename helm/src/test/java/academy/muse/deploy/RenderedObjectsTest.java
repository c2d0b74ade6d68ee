package academy.muse.deploy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The strict reading the chart tests rely on: a misspelt or misplaced field is an error. */
class RenderedObjectsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: rooms
            spec:
              selector:
                matchLabels: {app: rooms}
              template:
                metadata:
                  labels: {app: rooms}
                spec:
                  containers:
                    - name: rooms
                      image: muse/rooms:1.0
                      %s
            """;

    @Test
    void aWellFormedObjectIsRead() {
        assertThat(RenderedObjects.parse(DEPLOYMENT.formatted("imagePullPolicy: IfNotPresent"))).hasSize(1);
    }

    @Test
    void aMisspeltFieldIsRefused() {
        assertThatThrownBy(() -> RenderedObjects.parse(DEPLOYMENT.formatted("imagePulPolicy: IfNotPresent")))
                .hasMessageContaining("imagePulPolicy");
    }

    @Test
    void aDuplicatedKeyIsRefused() {
        assertThatThrownBy(() -> RenderedObjects.parse(DEPLOYMENT.formatted("name: twice")))
                .isInstanceOf(RuntimeException.class);
    }
}
