package academy.muse.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static academy.muse.deploy.ChartRendering.SOURCES;
import static academy.muse.deploy.ChartRendering.install;
import static academy.muse.deploy.ChartRendering.named;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The restore Job an operator applies from docs/home-cluster.md#restore is not rendered by the chart, so nothing
 * else would notice it drifting from the CronJob that made the archives: same image and tag, same connection, same
 * user, restricted like every pod of the chart, labelled so that the NetworkPolicies let it reach MongoDB.
 */
class RestoreProcedureTest {

    /** The Job as the doc prints it (the restore Job of {@link PodRunTest} too). */
    static Job documentedRestoreJob() throws IOException {
        String doc = Files.readString(SOURCES.umbrella().resolve("../../docs/home-cluster.md").normalize());
        Matcher block = Pattern.compile("```yaml\\n(\\s*# restore-job\\.yaml.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(block.find()).as("docs/home-cluster.md has the restore-job.yaml block").isTrue();
        return Serialization.unmarshal(block.group(1).stripIndent(), Job.class);
    }

    @Test
    void theDocumentedRestoreJobRunsTheBackupImageAsTheCronJobDoesWithTheRestoreCommand() throws Exception {
        Job restore = documentedRestoreJob();
        PodSpec pod = restore.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        var backupTemplate = named(install(null), CronJob.class, "mongodb-backup").getSpec().getJobTemplate().getSpec()
                .getTemplate();
        PodSpec backupPod = backupTemplate.getSpec();
        Container backup = backupPod.getContainers().get(0);

        assertThat(container.getImage()).isEqualTo(backup.getImage())
                .isEqualTo("localhost:5000/muse-academy/backup:" + ChartPolicyTest.appVersion());
        assertThat(container.getArgs()).containsExactly("restore", "--from", "/backup/ARCHIVE");
        assertThat(container.getEnv()).isEqualTo(backup.getEnv());
        assertThat(container.getResources()).isEqualTo(backup.getResources());
        assertThat(pod.getSecurityContext()).isEqualTo(backupPod.getSecurityContext());
        assertThat(pod.getServiceAccountName()).isEqualTo(backupPod.getServiceAccountName());
        assertThat(pod.getNodeSelector()).isEqualTo(backupPod.getNodeSelector());
        Map<String, String> labels = Map.of("app.kubernetes.io/name", "mongodb-backup",
                "app.kubernetes.io/part-of", "muse-academy");
        assertThat(restore.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(labels);
        assertThat(backupTemplate.getMetadata().getLabels()).containsAllEntriesOf(labels);
    }

    @Test
    void theDocumentedRestoreJobIsRestrictedAndReadsTheBackupsWithoutWritingThem() throws IOException {
        Job restore = documentedRestoreJob();
        PodSpec pod = restore.getSpec().getTemplate().getSpec();

        assertThat(ChartPolicyTest.violations(restore)).isEmpty();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getContainers().get(0).getVolumeMounts()).filteredOn(mount -> mount.getMountPath().equals("/backup"))
                .singleElement().extracting(VolumeMount::getReadOnly).isEqualTo(true);
        assertThat(pod.getVolumes()).filteredOn(volume -> volume.getPersistentVolumeClaim() != null).singleElement()
                .satisfies(volume -> assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo("mongodb-backup"));
        assertThat(restore.getSpec().getBackoffLimit()).as("a failed restore is looked at, not retried").isZero();
    }
}
