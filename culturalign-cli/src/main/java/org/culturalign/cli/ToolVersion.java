package org.culturalign.cli;

import picocli.CommandLine;

/** The tool version from the jar manifest (Implementation-Version), for {@code --version} and provenance. */
public final class ToolVersion implements CommandLine.IVersionProvider {
    /** The version string, or "dev" when run from classes (not a jar). */
    public static String get() {
        String v = Culturalign.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"culturalign " + get(), "Java " + System.getProperty("java.version") + " on "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }
}
