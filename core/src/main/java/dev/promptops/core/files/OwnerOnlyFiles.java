package dev.promptops.core.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes the server's key files: readable by their owner only, written completely before they
 * appear (a temporary file, forced to disk, then linked into place), and never replacing a file
 * that exists, so that two servers starting at once on one data directory agree on one key.
 */
public final class OwnerOnlyFiles {
  private OwnerOnlyFiles() {}

  /**
   * Writes {@code text} as {@code file} unless it exists.
   *
   * @return true when this call created the file, false when it existed already (keep its content)
   */
  public static boolean createNew(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    String name = file.getFileName().toString();
    Path tmp = Files.createTempFile(file.getParent(), "." + name + "-", ".tmp", ownerOnly());
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
        ch.force(true);
      }
      return publish(tmp, file);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /** Puts {@code tmp} in place as {@code file}; false when {@code file} exists already. */
  private static boolean publish(Path tmp, Path file) throws IOException {
    try {
      Files.createLink(file, tmp); // atomic, and never replaces an existing file
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException | IOException e) {
      if (Files.exists(file)) {
        return false;
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      return true;
    }
  }

  private static FileAttribute<?>[] ownerOnly() {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(
          Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))
    };
  }

  private static void deleteQuietly(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      // a leftover temporary file holds a key nobody uses; nothing else to do
    }
  }
}
