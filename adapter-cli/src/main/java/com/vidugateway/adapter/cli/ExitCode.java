package com.vidugateway.adapter.cli;

/** The exit codes of {@code shared/PRODUCT.md}. */
public final class ExitCode {

    public static final int SUCCESS = 0;
    public static final int TASK_FAILED = 1;
    public static final int INVALID = 2;
    public static final int PROVIDER_OR_STORAGE_ERROR = 3;

    private ExitCode() {}
}
