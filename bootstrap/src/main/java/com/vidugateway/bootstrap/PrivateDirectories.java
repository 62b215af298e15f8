package com.vidugateway.bootstrap;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data directory holds the database, the reference images people uploaded and their videos: what the gateway
 * creates there is readable by its user only (0700 where the file system has POSIX permissions). A directory that
 * already exists is the user's choice and is left as it is.
 */
final class PrivateDirectories {

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateDirectories() {}

    /** Creates {@code directory} and any missing parent, each owner-only; existing ones are not touched. */
    static Path create(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            return directory;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            create(parent);
        }
        boolean posix = absolute.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                // The attribute passes through the umask, which could only take bits away; say exactly what we mean.
                Files.setPosixFilePermissions(absolute, OWNER_ONLY);
            } else {
                Files.createDirectory(absolute);
            }
        } catch (FileAlreadyExistsException raced) {
            // Another local process (a CLI beside the server) made it a moment ago: it is theirs to have made.
            if (!Files.isDirectory(absolute)) {
                throw raced;
            }
        }
        return directory;
    }
}
