package academy.muse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a run was measured on, so that figures from different machines are not compared blindly. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        return "| machine | |\n|---|---|\n"
                + "| CPU | " + cpuModel() + " |\n"
                + "| cores | " + Runtime.getRuntime().availableProcessors() + " |\n"
                + "| memory | " + memory() + " |\n"
                + "| OS | " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " |\n"
                + "| Java | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + " |\n";
    }

    private static String cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name");
    }

    private static String memory() {
        return firstValue(Path.of("/proc/meminfo"), "MemTotal");
    }

    private static String firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
