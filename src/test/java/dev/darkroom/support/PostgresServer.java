package dev.darkroom.support;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for tests, from the binaries that io.zonky.test ships as a Maven artifact: nothing to install.
 *
 * <p>initdb and postgres refuse to run as root, and builds here and in CI run as root. zonky already copes when it
 * can: as root it starts the binaries through {@code unshare -U}, where the process is not root. Containers often
 * forbid user namespaces, though, and then zonky would start them as root and fail. In that case only, the binaries
 * are started through a small wrapper that drops to the {@code nobody} account with {@code setpriv} (util-linux,
 * present on Debian and most images), and the data directory is handed to that account first.
 */
public final class PostgresServer {

    private static final String DROP_TO = "nobody";

    private PostgresServer() {
    }

    /** The datasource settings that point Darkroom at {@code postgres}. */
    public static Map<String, String> datasource(EmbeddedPostgres postgres) {
        return Map.of(
                "datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"),
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "datasources.default.driver-class-name", "org.postgresql.Driver");
    }

    /** {@link #datasource} as a map the test goes on to fill with its own settings. */
    public static Map<String, String> settingsFor(EmbeddedPostgres postgres) {
        return new java.util.HashMap<>(datasource(postgres));
    }

    /** {@link #start()} for a test's property provider, which may not throw a checked exception. */
    public static EmbeddedPostgres started() {
        try {
            return start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static EmbeddedPostgres start() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                // initdb plus the first start take seconds on a busy two-core machine; zonky's default is 10 s.
                .setPGStartupWait(Duration.ofSeconds(60));
        if (mustDropRoot()) {
            Account account = Account.named(DROP_TO);
            Path data = Files.createTempDirectory("darkroom-pg-");
            Files.setAttribute(data, "unix:uid", account.uid());
            Files.setAttribute(data, "unix:gid", account.gid());
            builder.setDataDirectory(data.toFile())
                    .setPgBinaryResolver(new RootDroppingResolver(account));
        }
        return builder.start();
    }

    private static boolean mustDropRoot() {
        return "root".equals(System.getProperty("user.name")) && !LinuxUtils.isUnshareAvailable();
    }

    /** A local account from /etc/passwd; initdb looks its own user up, so a bare numeric id would not do. */
    record Account(String name, int uid, int gid) {

        static Account named(String name) throws IOException {
            try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
                return lines.map(line -> line.split(":"))
                        .filter(fields -> fields.length > 3 && fields[0].equals(name))
                        .map(fields -> new Account(name, Integer.parseInt(fields[2]), Integer.parseInt(fields[3])))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("PostgreSQL cannot run as root and there is "
                                + "no '" + name + "' account in /etc/passwd to run it as"));
            }
        }
    }

    /**
     * Unpacks the real binaries once into a directory of its own, and gives zonky an archive holding only
     * {@code bin/initdb} and {@code bin/pg_ctl} wrappers that run the real ones as the given account. The real
     * initdb and pg_ctl find the real postgres next to themselves, so the server runs as that account too.
     * A record, so that zonky's per-resolver cache recognises it across test classes.
     */
    record RootDroppingResolver(Account account) implements PgBinaryResolver {

        @Override
        public InputStream getPgBinary(String system, String architecture) throws IOException {
            byte[] archive;
            try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, architecture)) {
                archive = in.readAllBytes();
            }
            Path real = unpackOnce(archive);
            ByteArrayOutputStream wrappers = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
                    new XZOutputStream(wrappers, new LZMA2Options()))) {
                for (String command : List.of("initdb", "pg_ctl")) {
                    byte[] script = wrapper(real.resolve("bin").resolve(command)).getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry entry = new TarArchiveEntry("bin/" + command);
                    entry.setMode(0755);
                    entry.setSize(script.length);
                    // A fixed time keeps the archive, and so zonky's directory for it, the same from run to run.
                    entry.setModTime(0);
                    tar.putArchiveEntry(entry);
                    tar.write(script);
                    tar.closeArchiveEntry();
                }
            }
            return new ByteArrayInputStream(wrappers.toByteArray());
        }

        private String wrapper(Path binary) {
            // cd /: the account may not be allowed into the directory the build runs in.
            return "#!/bin/sh\n"
                    + "cd /\n"
                    + "exec setpriv --reuid=" + account.uid() + " --regid=" + account.gid() + " --clear-groups "
                    + "'" + binary + "' \"$@\"\n";
        }

        private static Path unpackOnce(byte[] archive) throws IOException {
            Path root = Path.of(System.getProperty("java.io.tmpdir"), "darkroom-pg");
            Path target = root.resolve(md5(archive));
            if (Files.isDirectory(target)) {
                return target;
            }
            Files.createDirectories(root);
            Path staging = Files.createTempDirectory(root, "unpacking-");
            unpack(archive, staging);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // Another build unpacked the same binaries first; theirs serve as well as ours would.
                if (!Files.isDirectory(target)) {
                    throw e;
                }
            }
            return target;
        }

        private static void unpack(byte[] archive, Path into) throws IOException {
            Files.setPosixFilePermissions(into, permissions(0755));
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new XZInputStream(new ByteArrayInputStream(archive)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextTarEntry()) != null) {
                    Path path = into.resolve(entry.getName()).normalize();
                    if (!path.startsWith(into)) {
                        throw new IOException("archive entry outside its directory: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(path);
                        Files.setPosixFilePermissions(path, permissions(entry.getMode() | 0555));
                        continue;
                    }
                    Files.createDirectories(path.getParent());
                    if (entry.isSymbolicLink()) {
                        Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                    } else {
                        Files.copy(tar, path);
                        // Readable by the account the server runs as, whatever this build's umask.
                        Files.setPosixFilePermissions(path, permissions(entry.getMode() | 0444));
                    }
                }
            }
        }

        private static Set<PosixFilePermission> permissions(int mode) {
            Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
            PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high to low
            for (int i = 0; i < bits.length; i++) {
                if ((mode & (1 << (bits.length - 1 - i))) != 0) {
                    set.add(bits[i]);
                }
            }
            return set;
        }

        private static String md5(byte[] bytes) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
