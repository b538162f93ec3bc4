package org.attnflow.io;

/**
 * Which attnflow and which JDK produced an output: the version comes from the jar manifest
 * (Implementation-Version, written by the build from the pom's version); classes run from a build tree (tests,
 * an IDE) have no manifest and report {@link #UNPACKAGED}.
 */
public final class BuildInfo {
    private BuildInfo() {}

    public static final String UNPACKAGED = "unpackaged build";

    public static String version() {
        String v = BuildInfo.class.getPackage().getImplementationVersion();
        return v == null ? UNPACKAGED : v;
    }

    /** E.g. "25.0.1+8-LTS (Eclipse Adoptium)". */
    public static String jdk() {
        return Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")";
    }
}
