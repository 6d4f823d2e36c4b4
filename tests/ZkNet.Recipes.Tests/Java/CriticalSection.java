import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;

/** The marker-file check both sides run while they believe they hold a lock or lease (see CriticalSection.cs). */
final class CriticalSection {
    static int run(Path dir, String kind, String id, int maxLeases) throws IOException, InterruptedException {
        int violations = 0;
        boolean exclusive = kind.equals("mutex") || kind.equals("write");
        Path marker = exclusive ? dir.resolve("writer") : dir.resolve((kind.equals("read") ? "reader-" : "lease-") + id);
        try {
            Files.createFile(marker);
        } catch (FileAlreadyExistsException e) {
            return 1;
        }
        try (DirectoryStream<Path> others = Files.newDirectoryStream(dir)) {
            int leases = 0;
            for (Path other : others) {
                String name = other.getFileName().toString();
                if (exclusive && name.startsWith("reader-")) violations++;
                if (kind.equals("read") && name.equals("writer")) violations++;
                if (name.startsWith("lease-")) leases++;
            }
            if (kind.equals("semaphore") && leases > maxLeases) violations++;
        }
        Files.write(dir.resolve("log"), (kind + ":" + id.substring(0, id.lastIndexOf('-')) + "\n").getBytes(StandardCharsets.UTF_8),
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Thread.sleep(3);
        Files.delete(marker);
        return violations;
    }
}
